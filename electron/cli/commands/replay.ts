import type { Command } from 'commander';
import type { ReplayResult } from '../../../shared/api/replays.js';
import { exitWithError } from '../cli-error.js';
import { callEngine, findEngine } from '../running-engine.js';
import { failBadInput } from './command-io.js';

interface ReplayFlags {
  to?: string;
  resign?: boolean;
  secret?: string;
  timeout?: string;
  json?: boolean;
  api?: string;
  dataDir?: string;
}

/** `hookbench replay ID`: asks the running engine to send a stored delivery again. Exit 0 on a 2xx answer, 1 otherwise. */
export function registerReplayCommand(program: Command): void {
  const command = program
    .command('replay')
    .description('send a stored delivery again through the running engine, exact or re-signed')
    .argument('<id>', 'the delivery id (dlv_…), as the inbox UI and the API show it')
    .option('--to <url>', "where to send it (default: the inbox's forward-to URL, or the original URL of an outgoing delivery)")
    .option('--resign', 'new X-InboundFlow-Timestamp and signature (same delivery_id), signed with the inbox secret or --secret')
    .option('--secret <secret>', 'signing secret for --resign (default: the inbox secret)')
    .option('--timeout <ms>', 'give up after this many milliseconds (default 9000)')
    .option('--json', 'print the result as JSON')
    .option('--api <url>', 'the engine API, e.g. http://127.0.0.1:4600/api (env HOOKBENCH_API_URL; default: found through the data dir)')
    .option('--data-dir <dir>', 'data dir of the running engine: its runtime.json and api-token (env HOOKBENCH_DATA_DIR)')
    .addHelpText(
      'after',
      '\nExamples:\n  hookbench replay dlv_0mfx3k2a1c9d7e6f5a4b3c2d1e --to http://localhost:3000/webhooks\n  hookbench replay dlv_0mfx3k2a1c9d7e6f5a4b3c2d1e --resign',
    )
    .action(async (id: string, flags: ReplayFlags) => {
      if (flags.timeout !== undefined && !/^\d+$/.test(flags.timeout))
        failBadInput(command, `--timeout must be whole milliseconds, got "${flags.timeout}"`);
      if (flags.secret && !flags.resign) failBadInput(command, '--secret only applies with --resign');
      try {
        const engine = findEngine(flags);
        const body = {
          mode: flags.resign ? 'resign' : 'exact',
          ...(flags.to ? { target: flags.to } : {}),
          ...(flags.secret ? { secret: flags.secret } : {}),
          ...(flags.timeout ? { timeout_ms: Number(flags.timeout) } : {}),
        };
        const res = await callEngine(engine, `/deliveries/${encodeURIComponent(id)}/replay`, { method: 'POST', body });
        const result = (await res.json()) as ReplayResult;
        process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : `${replayLine(result)}\n`);
        if (result.status === null || result.status < 200 || result.status > 299) process.exitCode = 1;
      } catch (error) {
        exitWithError(error);
      }
    });
}

export function replayLine(result: ReplayResult): string {
  const answer = result.status === null ? `${result.outcome}: ${result.error?.message ?? ''}`.trim() : `${result.status}`;
  return `${result.replay_of} → ${result.url}  ${answer}  ${result.duration_ms} ms  (${result.mode}; stored as ${result.id})`;
}
