import { z } from 'zod';

export const Health = z.object({
  ok: z.literal(true),
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
    })
    .meta({ description: 'Size of the database file and its write-ahead log in the data dir.' }),
});
export type Health = z.infer<typeof Health>;
