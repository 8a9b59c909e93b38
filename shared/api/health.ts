import { z } from 'zod';

export const Health = z.object({
  ok: z.literal(true),
  version: z.string(),
  uptime_ms: z.number().int().nonnegative(),
  data_dir: z.string(),
  receiver: z.object({ http: z.string(), https: z.string() }),
  deliveries: z.number().int().nonnegative(),
});
export type Health = z.infer<typeof Health>;
