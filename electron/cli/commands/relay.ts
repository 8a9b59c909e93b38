import type { Command } from 'commander';
import { TUNNEL_PATH } from '../../../shared/tunnel-protocol.js';
import { appVersion } from '../../engine/app-root.js';
import { resolveRelayCli, resolveRelayTokens, tokensFileOf, type RelayCliFlags } from '../../relay/relay-cli-settings.js';
import { startRelay, type Relay } from '../../relay/relay-server.js';
import { exitWithError } from '../cli-error.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerRelayCommand(program: Command): void {
  program
    .command('relay')
    .description('run a tunnel relay: public HTTP(S) in, one WebSocket per Hookbench app out (no database; --queue keeps requests on disk)')
    .option('--host <address>', 'address to listen on (env HOOKBENCH_RELAY_HOST, default 0.0.0.0)')
    .option('--port <port>', 'port to listen on (env HOOKBENCH_RELAY_PORT, default 8080; 0 = any free port)')
    .option('--token <token>', 'a token clients may connect with; repeat for more (env HOOKBENCH_RELAY_TOKENS, comma-separated)', collect)
    .option(
      '--tokens-file <file>',
      'tokens, one per line, each optionally followed by names reserved for it; reread on SIGHUP (env HOOKBENCH_RELAY_TOKENS_FILE)',
    )
    .option('--domain <domain>', 'also serve host-based URLs https://<id>.<domain>/ (needs wildcard DNS; env HOOKBENCH_RELAY_DOMAIN)')
    .option('--public-url <url>', 'base URL senders use, when it differs from what clients connect to (env HOOKBENCH_RELAY_PUBLIC_URL)')
    .option('--tls-cert <file>', 'PEM certificate chain: serve HTTPS and WSS (env HOOKBENCH_RELAY_TLS_CERT)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert (env HOOKBENCH_RELAY_TLS_KEY)')
    .option(
      '--trust-proxy',
      'take the client address and scheme from X-Forwarded-* (only behind your own reverse proxy; env HOOKBENCH_RELAY_TRUST_PROXY=1)',
    )
    .option('--hold-ms <ms>', 'how long a request waits for its app to reconnect before 503 (env HOOKBENCH_RELAY_HOLD_MS, default 8000)')
    .option('--max-body <size>', 'largest request body, e.g. 10MiB (env HOOKBENCH_RELAY_MAX_BODY, default 10MiB)')
    .option('--max-inflight <n>', 'requests in progress per tunnel before 429 (env HOOKBENCH_RELAY_MAX_INFLIGHT, default 256)')
    .option('--max-tunnels-per-token <n>', 'tunnels one token may have open (env HOOKBENCH_RELAY_MAX_TUNNELS_PER_TOKEN, default 5)')
    .option('--heartbeat-ms <ms>', 'ping interval; a client silent for two is dropped (env HOOKBENCH_RELAY_HEARTBEAT_MS, default 10000)')
    .option('--drain-ms <ms>', 'on SIGTERM, how long forwarded requests may take to finish (env HOOKBENCH_RELAY_DRAIN_MS, default 10000)')
    .option(
      '--queue <dir>',
      'keep requests on disk while an app is away, answer 202, deliver them when it is back (env HOOKBENCH_RELAY_QUEUE_DIR)',
    )
    .option('--queue-max-bytes <size>', 'per tunnel, beyond it 507 queue_full (env HOOKBENCH_RELAY_QUEUE_MAX_BYTES, default 256MiB)')
    .option('--queue-max-age <duration>', 'older queued requests are dropped, e.g. 7d, 12h (env HOOKBENCH_RELAY_QUEUE_MAX_AGE, default 7d)')
    .option('--queue-status <status>', 'what a queued request is answered with: 202 or 200 (env HOOKBENCH_RELAY_QUEUE_STATUS, default 202)')
    .action(async (flags: RelayCliFlags) => {
      let relay: Relay;
      try {
        const { settings, tokens, tls } = resolveRelayCli(flags);
        relay = await startRelay({
          ...settings,
          tokens,
          tls,
          log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
        });
        const endpoint = relay.url.replace(/^http/, 'ws') + TUNNEL_PATH;
        process.stdout.write(
          [
            `Hookbench relay ${appVersion()} listening on ${relay.url} (${tokens.length} token${tokens.length === 1 ? '' : 's'})`,
            `  Tunnel endpoint  ${endpoint}`,
            `  Public URLs      ${settings.publicUrl ?? relay.url}/t/<id>/…${settings.domain ? `   and https://<id>.${settings.domain}/…` : ''}`,
            `  Health           ${relay.url}/healthz`,
            ...(settings.queueDir ? [`  Queue            ${settings.queueDir} (${relay.stats().queued} waiting)`] : []),
            '',
          ].join('\n'),
        );
      } catch (error) {
        exitWithError(error);
      }
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) process.exit(130);
        stopping = true;
        process.stdout.write(`${signal}: draining forwarded requests…\n`);
        relay.close().then(
          () => process.exit(0),
          (error) => exitWithError(error),
        );
      };
      // SIGHUP rereads the tokens: add or revoke a token without dropping everyone's tunnel.
      // A file that does not parse changes nothing; the relay keeps the tokens it has.
      process.on('SIGHUP', () => {
        if (!tokensFileOf(flags)) return void process.stdout.write('SIGHUP: no --tokens-file to reload; tokens unchanged\n');
        try {
          const { tokens, closedTunnels } = relay.reloadTokens(resolveRelayTokens(flags));
          process.stdout.write(
            `SIGHUP: tokens reloaded (${tokens} token${tokens === 1 ? '' : 's'}; ${closedTunnels} tunnel${closedTunnels === 1 ? '' : 's'} of removed tokens closed)\n`,
          );
        } catch (error) {
          process.stderr.write(`SIGHUP: tokens not reloaded, the old ones stay: ${(error as Error).message}\n`);
        }
      });
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
}
