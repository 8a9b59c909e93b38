import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { TunnelProviderName } from '../../shared/api/tunnel-routes.js';
import { DELIVERY_TIMEOUT_MS } from '../../shared/inboundflow/delivery-timeout.js';
import { relayUrlProblem } from '../../shared/tunnel/relay-endpoint.js';

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

const Milliseconds = (min: number) =>
  z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(min, `must be at least ${min}`);

/** Where Hookbench downloads cloudflared releases from (a setting, so the download can be tested locally). */
export const CLOUDFLARED_RELEASES_URL = 'https://github.com/cloudflare/cloudflared/releases/download';

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
  /** The command that started the engine (`hookbench serve`), named on the locked page; never its flags, which may hold tokens. */
  launchCommand: z.string().optional(),
  /** Origins besides the API's own allowed to call it: the desktop window's custom scheme. */
  extraOrigins: z.array(z.string()).default([]),
  /** Lets integrations use http://localhost and http://127.0.0.1; InboundFlow itself only sends to https://. */
  allowHttpLocalhost: Switch.default(false),
  /** InboundFlow's delivery timeout. */
  dispatchTimeoutMs: z.number().int().positive().default(DELIVERY_TIMEOUT_MS),
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
  tunnelRetryMaxMs: Milliseconds(100).default(2_000),
  /** The tunnel provider to connect at start (--relay implies relay). */
  tunnel: z
    .string()
    .transform((value, ctx) => {
      const parsed = TunnelProviderName.safeParse(value.trim().toLowerCase());
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: 'must be one of cloudflare, ngrok, localtunnel, relay' });
      return z.NEVER;
    })
    .optional(),
  /** The cloudflared executable, when it is not on PATH or in <data-dir>/bin/. */
  cloudflared: z.string().min(1, 'must not be empty').optional(),
  /** An authtoken given to Hookbench (flag or HOOKBENCH_NGROK_AUTHTOKEN): used and remembered for ngrok. */
  ngrokAuthtoken: z.string().min(1, 'must not be empty').max(512, 'must be at most 512 characters').optional(),
  /** ngrok's own NGROK_AUTHTOKEN: used when none is saved, never written to the data dir. */
  ngrokAuthtokenEnv: z.string().min(1).max(512, 'must be at most 512 characters').optional(),
  ngrokDomain: z
    .string()
    .max(253, 'must be at most 253 characters')
    .regex(/^[a-z0-9.-]+$/i, 'must be a host name such as example.ngrok-free.app')
    .optional(),
  /** Tests only: the ngrok session server (ngrok's server_addr). */
  ngrokServerAddr: z.string().min(1).optional(),
  ltHost: z
    .string()
    .refine((value) => /^https?:\/\/[^/]+\/?$/i.test(value) && URL.canParse(value), 'must be a server URL such as https://localtunnel.me')
    .optional(),
  ltSubdomain: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{2,61}[a-z0-9]$/, 'must be 4 to 63 lowercase letters, digits or dashes')
    .optional(),
  /** Between liveness probes through the public URL while the tunnel is up. */
  tunnelProbeIntervalMs: Milliseconds(100).default(30_000),
  /** After a provider comes online: how long quick probes may fail before the tunnel counts as degraded. */
  tunnelProbeSettleMs: Milliseconds(0).default(15_000),
  cloudflaredDownloadUrl: z
    .string()
    .url('must be a URL such as https://github.com/cloudflare/cloudflared/releases/download')
    .default(CLOUDFLARED_RELEASES_URL),
  /** A CA (PEM) to trust for the download server (tests, mirrors with a private CA). */
  cloudflaredDownloadCaFile: z.string().min(1, 'must not be empty').optional(),
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
  tunnel: { flag: '--tunnel', env: 'HOOKBENCH_TUNNEL' },
  cloudflared: { flag: '--cloudflared', env: 'HOOKBENCH_CLOUDFLARED' },
  ngrokAuthtoken: { flag: '--ngrok-authtoken', env: 'HOOKBENCH_NGROK_AUTHTOKEN' },
  ngrokAuthtokenEnv: { flag: 'NGROK_AUTHTOKEN', env: 'NGROK_AUTHTOKEN' },
  ngrokDomain: { flag: '--ngrok-domain', env: 'HOOKBENCH_NGROK_DOMAIN' },
  ngrokServerAddr: { flag: 'HOOKBENCH_NGROK_SERVER_ADDR', env: 'HOOKBENCH_NGROK_SERVER_ADDR' },
  ltHost: { flag: '--lt-host', env: 'HOOKBENCH_LT_HOST' },
  ltSubdomain: { flag: '--lt-subdomain', env: 'HOOKBENCH_LT_SUBDOMAIN' },
  tunnelProbeIntervalMs: { flag: 'HOOKBENCH_TUNNEL_PROBE_INTERVAL_MS', env: 'HOOKBENCH_TUNNEL_PROBE_INTERVAL_MS' },
  tunnelProbeSettleMs: { flag: 'HOOKBENCH_TUNNEL_PROBE_SETTLE_MS', env: 'HOOKBENCH_TUNNEL_PROBE_SETTLE_MS' },
  cloudflaredDownloadUrl: { flag: 'HOOKBENCH_CLOUDFLARED_DOWNLOAD_URL', env: 'HOOKBENCH_CLOUDFLARED_DOWNLOAD_URL' },
  cloudflaredDownloadCaFile: { flag: 'HOOKBENCH_CLOUDFLARED_DOWNLOAD_CA', env: 'HOOKBENCH_CLOUDFLARED_DOWNLOAD_CA' },
};

/** Values never echoed back in an error message. */
const SECRET_SETTINGS = new Set(['apiToken', 'relayToken', 'ngrokAuthtoken', 'ngrokAuthtokenEnv']);

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
  if (parsed.success) {
    const { tunnel, relayUrl } = parsed.data;
    if (relayUrl && tunnel && tunnel !== 'relay')
      return { ok: false, message: `${source.relayUrl} means the relay, but ${source.tunnel} asks for ${tunnel}: drop one of them` };
    return { ok: true, config: parsed.data };
  }
  const issue = parsed.error.issues[0];
  const key = String(issue.path[0] ?? '');
  const name = source[key] ?? SETTING_NAMES[key]?.flag ?? key;
  const shown = SECRET_SETTINGS.has(key) ? '' : ` (got ${JSON.stringify(input[key])})`;
  return { ok: false, message: `${name} ${issue.message}${shown}` };
}
