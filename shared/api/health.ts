import { z } from 'zod';

export const StorageState = z.enum(['ok', 'full', 'broken']);
export type StorageState = z.infer<typeof StorageState>;

export const StorageStatus = z
  .object({
    state: StorageState,
    since: z.string().nullable(),
    message: z.string().nullable(),
  })
  .meta({
    description:
      'Whether the store takes writes. full: the last write did not fit; receiving resumes by itself once one fits. broken: a flush to disk failed; every write is refused until Hookbench restarts.',
  });
export type StorageStatus = z.infer<typeof StorageStatus>;

export const Health = z.object({
  ok: z.boolean().meta({ description: 'False while the store refuses writes (storage.state is not ok); reads keep working.' }),
  version: z.string(),
  uptime_ms: z.number().int().nonnegative(),
  data_dir: z.string(),
  receiver: z.object({ http: z.string(), https: z.string() }),
  deliveries: z.number().int().nonnegative(),
  storage: z
    .object({
      db_bytes: z.number().int().nonnegative(),
      wal_bytes: z.number().int().nonnegative(),
      total_bytes: z.number().int().nonnegative(),
      ...StorageStatus.shape,
    })
    .meta({ description: 'Size of the database file and its write-ahead log in the data dir, and whether the store takes writes.' }),
});
export type Health = z.infer<typeof Health>;
