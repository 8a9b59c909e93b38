import type { Command } from 'commander';
import type { TunnelStatus } from '../../../shared/api/tunnel-routes.js';
import { tunnelStatusSummary } from '../../engine/tunnel/tunnel-status-lines.js';
import { exitWithError } from '../cli-error.js';
import { callEngine, findEngine } from '../running-engine.js';

interface TunnelStatusFlags {
  json?: boolean;
  probe?: boolean;
  api?: string;
  dataDir?: string;
}

/** Only a tunnel whose last probe through the public URL passed counts as up. */
export function tunnelIsUp(status: TunnelStatus): boolean {
  return status.status === 'online' && status.probe?.ok === true;
}

/** `hookbench tunnel status`: asks the running engine; exit 0 only when online and the last probe passed, 1 otherwise. */
export function registerTunnelCommand(program: Command): void {
  const tunnel = program.command('tunnel').description("the running engine's public URL (tunnel)");
  tunnel
    .command('status')
    .description('print the tunnel status of the running engine; exit 0 only when it is online and its last probe passed')
    .option('--probe', 'probe the public URL now and report that result')
    .option('--json', 'print the status as JSON')
    .option('--api <url>', 'the engine API, e.g. http://127.0.0.1:4600/api (env HOOKBENCH_API_URL; default: found through the data dir)')
    .option('--data-dir <dir>', 'data dir of the running engine: its runtime.json and api-token (env HOOKBENCH_DATA_DIR)')
    .addHelpText('after', '\nExamples:\n  hookbench tunnel status\n  hookbench tunnel status --probe --json')
    .action(async (flags: TunnelStatusFlags) => {
      try {
        const engine = findEngine(flags);
        const res = await callEngine(engine, flags.probe ? '/tunnel/probe' : '/tunnel', flags.probe ? { method: 'POST' } : {});
        const status = (await res.json()) as TunnelStatus;
        process.stdout.write(flags.json ? `${JSON.stringify(status, null, 2)}\n` : `${tunnelStatusSummary(status)}\n`);
        process.exitCode = tunnelIsUp(status) ? 0 : 1;
      } catch (error) {
        exitWithError(error);
      }
    });
}
