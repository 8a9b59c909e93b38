import { readFileSync } from 'node:fs';
import { HookbenchError } from '../../shared/errors.js';
import { RelaySettings } from './relay-settings.js';
import { parseTokensFile, validateTokens, type RelayToken } from './relay-tokens.js';

/**
 * Each setting's flag and HOOKBENCH_RELAY_* variable, so an error names what the operator typed;
 * `option` when commander's property differs from the setting (`--queue` → queue).
 */
export const RELAY_SETTING_NAMES: Record<string, { flag: string; env: string; option?: string }> = {
  host: { flag: '--host', env: 'HOOKBENCH_RELAY_HOST' },
  port: { flag: '--port', env: 'HOOKBENCH_RELAY_PORT' },
  domain: { flag: '--domain', env: 'HOOKBENCH_RELAY_DOMAIN' },
  publicUrl: { flag: '--public-url', env: 'HOOKBENCH_RELAY_PUBLIC_URL' },
  trustProxy: { flag: '--trust-proxy', env: 'HOOKBENCH_RELAY_TRUST_PROXY' },
  holdMs: { flag: '--hold-ms', env: 'HOOKBENCH_RELAY_HOLD_MS' },
  maxBody: { flag: '--max-body', env: 'HOOKBENCH_RELAY_MAX_BODY' },
  maxInflight: { flag: '--max-inflight', env: 'HOOKBENCH_RELAY_MAX_INFLIGHT' },
  maxTunnelsPerToken: { flag: '--max-tunnels-per-token', env: 'HOOKBENCH_RELAY_MAX_TUNNELS_PER_TOKEN' },
  heartbeatMs: { flag: '--heartbeat-ms', env: 'HOOKBENCH_RELAY_HEARTBEAT_MS' },
  drainMs: { flag: '--drain-ms', env: 'HOOKBENCH_RELAY_DRAIN_MS' },
  queueDir: { flag: '--queue', env: 'HOOKBENCH_RELAY_QUEUE_DIR', option: 'queue' },
  queueMaxBytes: { flag: '--queue-max-bytes', env: 'HOOKBENCH_RELAY_QUEUE_MAX_BYTES' },
  queueMaxAge: { flag: '--queue-max-age', env: 'HOOKBENCH_RELAY_QUEUE_MAX_AGE' },
  queueStatus: { flag: '--queue-status', env: 'HOOKBENCH_RELAY_QUEUE_STATUS' },
};

export interface RelayCliFlags {
  host?: string;
  port?: string;
  token?: string[];
  tokensFile?: string;
  domain?: string;
  publicUrl?: string;
  tlsCert?: string;
  tlsKey?: string;
  trustProxy?: boolean;
  holdMs?: string;
  maxBody?: string;
  maxInflight?: string;
  maxTunnelsPerToken?: string;
  heartbeatMs?: string;
  drainMs?: string;
  queue?: string;
  queueMaxBytes?: string;
  queueMaxAge?: string;
  queueStatus?: string;
}

export interface ResolvedRelay {
  settings: RelaySettings;
  tokens: RelayToken[];
  tls: { cert: Buffer; key: Buffer } | null;
}

const invalid = (message: string) => new HookbenchError('invalid_config', message);

function readSetting(file: string, what: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw invalid(`${flag} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${what}`);
  }
}

function envSwitch(text: string, name: string): boolean {
  const value = text.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw invalid(`${name} must be 1/true/yes or 0/false/no (got ${JSON.stringify(text)})`);
}

/** The tokens from --token, HOOKBENCH_RELAY_TOKENS and the tokens file, read again on each call (SIGHUP reloads). */
export function resolveRelayTokens(flags: Pick<RelayCliFlags, 'token' | 'tokensFile'>, env: NodeJS.ProcessEnv = process.env): RelayToken[] {
  const tokens: RelayToken[] = (flags.token ?? []).map((token, i) => ({ token, names: [], label: `--token #${i + 1}` }));
  const fromEnv = (env.HOOKBENCH_RELAY_TOKENS ?? '').split(/[\s,]+/).filter(Boolean);
  fromEnv.forEach((token, i) => tokens.push({ token, names: [], label: `HOOKBENCH_RELAY_TOKENS #${i + 1}` }));
  const file = tokensFileOf(flags, env);
  if (file) {
    const text = readSetting(file, 'it lists one token per line, optionally followed by reserved names', '--tokens-file').toString('utf8');
    tokens.push(...parseTokensFile(text, file));
  }
  return validateTokens(tokens);
}

export function tokensFileOf(flags: Pick<RelayCliFlags, 'tokensFile'>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flags.tokensFile ?? (env.HOOKBENCH_RELAY_TOKENS_FILE || undefined);
}

/** Flags win over HOOKBENCH_RELAY_* variables, which win over defaults; files are read here too. */
export function resolveRelayCli(flags: RelayCliFlags, env: NodeJS.ProcessEnv = process.env): ResolvedRelay {
  const input: Record<string, unknown> = {};
  const source: Record<string, string> = {};
  for (const [key, names] of Object.entries(RELAY_SETTING_NAMES)) {
    const fromFlag = (flags as Record<string, unknown>)[names.option ?? key];
    if (fromFlag !== undefined) {
      input[key] = fromFlag;
      source[key] = names.flag;
    } else if (env[names.env] !== undefined && env[names.env] !== '') {
      input[key] = key === 'trustProxy' ? envSwitch(env[names.env]!, names.env) : env[names.env];
      source[key] = names.env;
    }
  }
  const parsed = RelaySettings.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0] ?? '');
    throw invalid(`${source[key] ?? RELAY_SETTING_NAMES[key]?.flag ?? key} ${issue.message} (got ${JSON.stringify(input[key])})`);
  }

  const tokens = resolveRelayTokens(flags, env);

  const certFile = flags.tlsCert ?? (env.HOOKBENCH_RELAY_TLS_CERT || undefined);
  const keyFile = flags.tlsKey ?? (env.HOOKBENCH_RELAY_TLS_KEY || undefined);
  if (Boolean(certFile) !== Boolean(keyFile))
    throw invalid('--tls-cert and --tls-key go together: pass both, or neither to serve plain HTTP behind a proxy');
  const tls =
    certFile && keyFile
      ? {
          cert: readSetting(certFile, 'pass the PEM certificate chain', '--tls-cert'),
          key: readSetting(keyFile, 'pass the PEM private key', '--tls-key'),
        }
      : null;
  return { settings: parsed.data, tokens, tls };
}
