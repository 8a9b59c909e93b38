import type { Command } from 'commander';
import { HookbenchError } from '../../../shared/errors.js';
import { resolveConfig } from '../../engine/config.js';
import { createEngine, type EngineInfo } from '../../engine/engine.js';
import { exitWithError } from '../cli-error.js';
import { openBrowser, shouldOpenBrowser } from '../open-browser.js';
import { printTunnelStatus, tunnelBannerLine } from '../../engine/tunnel/tunnel-status-lines.js';

interface ServeFlags {
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
  open: boolean;
}

export function startupBanner(info: EngineInfo): string {
  return [
    `Hookbench ${info.version} is running (data: ${info.dataDir})`,
    `  Inbox UI   ${info.uiUrl}`,
    `  Receiver   ${info.httpUrl}/   ${info.httpsUrl}/   (HTTPS: trust ${info.caCertPath})`,
    `  API        ${info.apiUrl}   (token: ${info.tokenFile ?? 'from HOOKBENCH_API_TOKEN'})`,
    `  Try it     curl -X POST ${info.httpUrl}/ -H 'Content-Type: application/json' -d '{"hello":"world"}'`,
    'Press Ctrl+C to stop.',
  ].join('\n');
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the engine headless and serve the inbox UI to any browser')
    .option('--data-dir <dir>', 'where deliveries, the CA and the API token live (env HOOKBENCH_DATA_DIR)')
    .option('--host <address>', 'address the receiver listens on (env HOOKBENCH_HOST, default 127.0.0.1)')
    .option('--api-port <port>', 'control API and UI port, always on 127.0.0.1 (env HOOKBENCH_API_PORT, default 4600; 0 = any free port)')
    .option('--http-port <port>', 'HTTP receiver port (env HOOKBENCH_HTTP_PORT, default 4610)')
    .option('--https-port <port>', 'HTTPS receiver port (env HOOKBENCH_HTTPS_PORT, default 4611)')
    .option('--max-body <size>', 'largest body accepted, e.g. 10MiB (env HOOKBENCH_MAX_BODY, default 10MiB)')
    .option('--allow-http-localhost', 'let integrations send to http://localhost and http://127.0.0.1 (env HOOKBENCH_ALLOW_HTTP_LOCALHOST=1; InboundFlow itself only sends to https://)')
    .option('--relay <url>', 'connect the tunnel to this Hookbench relay at start, e.g. https://relay.example.com (env HOOKBENCH_RELAY_URL)')
    .option('--relay-token <token>', 'token for --relay (env HOOKBENCH_RELAY_TOKEN; prefer the variable: flags show in ps)')
    .option('--relay-ca <file>', 'PEM CA to trust for the relay certificate, for a relay with a private CA (env HOOKBENCH_RELAY_CA)')
    .option('--no-open', 'do not open a browser (also: BROWSER=none)')
    .action(async (flags: ServeFlags) => {
      const resolved = resolveConfig({ ...flags, relayUrl: flags.relay, relayCaFile: flags.relayCa });
      if (!resolved.ok) exitWithError(new HookbenchError('invalid_config', resolved.message));
      if (resolved.config.relayUrl && !resolved.config.relayToken) {
        exitWithError(new HookbenchError('invalid_config', '--relay needs a token: pass --relay-token or set HOOKBENCH_RELAY_TOKEN'));
      }
      const engine = createEngine(resolved.config, (line) => process.stderr.write(line + '\n'));
      let info: EngineInfo;
      try {
        info = await engine.start();
      } catch (error) {
        exitWithError(error);
      }
      process.stdout.write(startupBanner(info) + '\n');
      const tunnelLine = tunnelBannerLine(engine.tunnel.status());
      if (tunnelLine) process.stdout.write(tunnelLine + '\n');
      engine.events.subscribe((message) => {
        if (message.type === 'tunnel.status') printTunnelStatus(message, (line) => process.stdout.write(line + '\n'));
      });
      if (shouldOpenBrowser(flags.open, process.env, process.platform)) openBrowser(info.uiUrl);

      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) process.exit(130); // A second Ctrl+C means now.
        stopping = true;
        process.stdout.write(`\n${signal}: finishing in-flight requests…\n`);
        engine.stop().then(
          () => process.exit(0),
          (error) => exitWithError(error),
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
}
