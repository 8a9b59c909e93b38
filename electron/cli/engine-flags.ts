import type { Command } from 'commander';
import { HookbenchError } from '../../shared/errors.js';
import { resolveConfig, type EngineConfig } from '../engine/config.js';
import { exitWithError } from './cli-error.js';

/** The flags of every command that runs an engine (`serve`, `listen`), as commander parses them. */
export interface EngineFlags {
  dataDir?: string;
  host?: string;
  apiPort?: string;
  httpPort?: string;
  httpsPort?: string;
  maxBody?: string;
  allowHttpLocalhost?: boolean;
  relay?: string;
  relayToken?: string;
  relayCa?: string;
  tunnel?: string;
  cloudflared?: string;
  ngrokAuthtoken?: string;
  ngrokDomain?: string;
  ltHost?: string;
  ltSubdomain?: string;
}

/** Adds the engine's flags to a command, so `serve` and `listen` stay alike. */
export function addEngineOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'where deliveries, the CA and the API token live (env HOOKBENCH_DATA_DIR)')
    .option('--host <address>', 'address the receiver listens on (env HOOKBENCH_HOST, default 127.0.0.1)')
    .option('--api-port <port>', 'control API and UI port, always on 127.0.0.1 (env HOOKBENCH_API_PORT, default 4600; 0 = any free port)')
    .option('--http-port <port>', 'HTTP receiver port (env HOOKBENCH_HTTP_PORT, default 4610)')
    .option('--https-port <port>', 'HTTPS receiver port (env HOOKBENCH_HTTPS_PORT, default 4611)')
    .option('--max-body <size>', 'largest body accepted, e.g. 10MiB (env HOOKBENCH_MAX_BODY, default 10MiB)')
    .option(
      '--allow-http-localhost',
      'let integrations send to http://localhost and http://127.0.0.1 (env HOOKBENCH_ALLOW_HTTP_LOCALHOST=1; InboundFlow itself only sends to https://)',
    )
    .option(
      '--tunnel <provider>',
      'get a public URL at start: cloudflare (no account), ngrok, localtunnel or relay (env HOOKBENCH_TUNNEL; remembered for the next start)',
    )
    .option('--cloudflared <path>', 'the cloudflared executable for --tunnel cloudflare, if not on PATH (env HOOKBENCH_CLOUDFLARED)')
    .option(
      '--ngrok-authtoken <token>',
      'ngrok authtoken for --tunnel ngrok, saved owner-only (env HOOKBENCH_NGROK_AUTHTOKEN or NGROK_AUTHTOKEN; prefer a variable: flags show in ps)',
    )
    .option('--ngrok-domain <domain>', 'your ngrok static domain, so the URL survives restarts (env HOOKBENCH_NGROK_DOMAIN)')
    .option('--lt-host <url>', 'localtunnel server for --tunnel localtunnel (env HOOKBENCH_LT_HOST, default https://localtunnel.me)')
    .option('--lt-subdomain <name>', 'localtunnel subdomain to ask for (env HOOKBENCH_LT_SUBDOMAIN)')
    .option(
      '--relay <url>',
      'connect the tunnel to this Hookbench relay at start, e.g. https://relay.example.com; implies --tunnel relay (env HOOKBENCH_RELAY_URL)',
    )
    .option('--relay-token <token>', 'token for --relay (env HOOKBENCH_RELAY_TOKEN; prefer the variable: flags show in ps)')
    .option('--relay-ca <file>', 'PEM CA to trust for the relay certificate, for a relay with a private CA (env HOOKBENCH_RELAY_CA)');
}

/** Flags, then HOOKBENCH_* variables, then defaults; a bad value exits 2 with one line naming it. */
export function engineConfigFromFlags(flags: EngineFlags): EngineConfig {
  const resolved = resolveConfig({ ...flags, relayUrl: flags.relay, relayCaFile: flags.relayCa });
  if (!resolved.ok) exitWithError(new HookbenchError('invalid_config', resolved.message));
  if (resolved.config.relayUrl && !resolved.config.relayToken) {
    exitWithError(new HookbenchError('invalid_config', '--relay needs a token: pass --relay-token or set HOOKBENCH_RELAY_TOKEN'));
  }
  return resolved.config;
}
