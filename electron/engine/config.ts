import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { relayUrlProblem } from './tunnel/relay-endpoint.js';

const Port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535 (0 picks a free port)')
  .max(65535, 'must be between 0 and 65535 (0 picks a free port)');

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3 };

/** "10485760", "10MiB", "5mb" → bytes. */
export function parseByteSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) return null;
  return Math.floor(Number(match[1]) * unit);
}

const ByteSize = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const bytes = typeof value === 'number' ? value : parseByteSize(value);
  if (bytes === null || !Number.isSafeInteger(bytes) || bytes < 1) {
    ctx.addIssue({ code: 'custom', message: 'must be a size in bytes such as 10485760 or 10MiB' });
    return z.NEVER;
  }
  return bytes;
});

/** A boolean from a flag (true), JSON (true/false) or the environment ("1", "true", "yes", "0", "false", "no"). */
const Switch = z.union([z.boolean(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'boolean') return value;
  const text = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(text)) return false;
  ctx.addIssue({ code: 'custom', message: 'must be 1/true/yes or 0/false/no' });
  return z.NEVER;
});

export const EngineConfig = z.object({
  dataDir: z.string().min(1, 'must not be empty'),
  host: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  apiPort: Port.default(4600),
  httpPort: Port.default(4610),
  httpsPort: Port.default(4611),
  apiToken: z
    .string()
    .regex(/^[A-Za-z0-9._~-]{16,256}$/, 'must be 16–256 characters of letters, digits, dot, dash, underscore or tilde')
    .optional(),
  maxBody: ByteSize.default(10 * 1024 * 1024),
  headersTimeoutMs: z.number().int().positive().default(10_000),
  requestTimeoutMs: z.number().int().positive().default(30_000),
  shutdownGraceMs: z.number().int().nonnegative().default(5_000),
  rendererDir: z.string().optional(),
  /** Origins besides the API's own allowed to call it: the desktop window's custom scheme. */
  extraOrigins: z.array(z.string()).default([]),
  /** Lets integrations use http://localhost and http://127.0.0.1; InboundFlow itself only sends to https://. */
  allowHttpLocalhost: Switch.default(false),
  /** InboundFlow's delivery timeout. */
  dispatchTimeoutMs: z.number().int().positive().default(10_000),
  /** Relay to connect the tunnel to at start (the API can connect later instead). */
  relayUrl: z
    .string()
    .superRefine((value, ctx) => {
      const problem = relayUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  relayToken: z.string().min(1, 'must not be empty').max(512, 'must be at most 512 characters').optional(),
  /** A CA (PEM) to trust for the relay's certificate, for self-hosted relays with a private CA. */
  relayCaFile: z.string().min(1, 'must not be empty').optional(),
  /** Longest wait between tunnel reconnect attempts after a network failure: the tunnel is back within this of the relay. */
  tunnelRetryMaxMs: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100, 'must be at least 100').default(2_000),
});
export type EngineConfigInput = z.input<typeof EngineConfig>;
export type EngineConfig = z.output<typeof EngineConfig>;

/** Where the setting came from, so an error can name the flag or variable the user typed. */
export const SETTING_NAMES: Record<string, { flag: string; env: string }> = {
  dataDir: { flag: '--data-dir', env: 'HOOKBENCH_DATA_DIR' },
  host: { flag: '--host', env: 'HOOKBENCH_HOST' },
  apiPort: { flag: '--api-port', env: 'HOOKBENCH_API_PORT' },
  httpPort: { flag: '--http-port', env: 'HOOKBENCH_HTTP_PORT' },
  httpsPort: { flag: '--https-port', env: 'HOOKBENCH_HTTPS_PORT' },
  apiToken: { flag: 'HOOKBENCH_API_TOKEN', env: 'HOOKBENCH_API_TOKEN' },
  maxBody: { flag: '--max-body', env: 'HOOKBENCH_MAX_BODY' },
  allowHttpLocalhost: { flag: '--allow-http-localhost', env: 'HOOKBENCH_ALLOW_HTTP_LOCALHOST' },
  relayUrl: { flag: '--relay', env: 'HOOKBENCH_RELAY_URL' },
  relayToken: { flag: '--relay-token', env: 'HOOKBENCH_RELAY_TOKEN' },
  relayCaFile: { flag: '--relay-ca', env: 'HOOKBENCH_RELAY_CA' },
  tunnelRetryMaxMs: { flag: 'HOOKBENCH_TUNNEL_RETRY_MAX_MS', env: 'HOOKBENCH_TUNNEL_RETRY_MAX_MS' },
};

/** The OS's per-user app-data folder, the same one the desktop app uses. */
export function defaultDataDir(platform = process.platform, env = process.env, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Hookbench');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Hookbench');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'hookbench');
}

export type ConfigResult = { ok: true; config: EngineConfig } | { ok: false; message: string };

/** Flags win over HOOKBENCH_* variables, which win over defaults; the first bad value is named. */
export function resolveConfig(flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const input: Record<string, unknown> = {};
  const source: Record<string, string> = {};
  for (const [key, names] of Object.entries(SETTING_NAMES)) {
    if (flags[key] !== undefined) {
      input[key] = flags[key];
      source[key] = names.flag;
    } else if (env[names.env] !== undefined && env[names.env] !== '') {
      input[key] = env[names.env];
      source[key] = names.env;
    }
  }
  input.dataDir ??= defaultDataDir();
  const parsed = EngineConfig.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  const key = String(issue.path[0] ?? '');
  const name = source[key] ?? SETTING_NAMES[key]?.flag ?? key;
  const shown = key === 'apiToken' || key === 'relayToken' ? '' : ` (got ${JSON.stringify(input[key])})`;
  return { ok: false, message: `${name} ${issue.message}${shown}` };
}
