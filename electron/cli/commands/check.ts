import type { Command } from 'commander';
import { plannedDeliveries, checkPlan } from '../../../shared/handler-check/check-rules.js';
import { Scorecard } from '../../../shared/handler-check/scorecard.js';
import { isHookbenchError } from '../../../shared/errors.js';
import { SLOW_ANSWER_MS } from '../../../shared/inboundflow/answer-speed.js';
import { DELIVERY_TIMEOUT_MS } from '../../../shared/inboundflow/delivery-timeout.js';
import { callEngine, findEngine } from '../running-engine.js';
import { planLine, scorecardText } from './check-scorecard-text.js';
import { attachIo, type CommandIo, failBadInput, processIo } from './command-io.js';

interface CheckFlags {
  secret?: string;
  json?: boolean;
  api?: string;
  dataDir?: string;
}

function checkUrl(command: Command, text: string): string {
  const url = URL.canParse(text) ? new URL(text) : null;
  if (url?.protocol === 'https:' || url?.protocol === 'http:') return url.href;
  return failBadInput(
    command,
    `${JSON.stringify(text)} is not an https:// or http:// URL; give the handler's full URL, e.g. https://example.com/webhooks`,
  );
}

/**
 * `hookbench check URL --secret S`: the running engine sends the handler check's deliveries
 * (each stored as an outgoing delivery) and answers with the scorecard. Exit 0 when every
 * required check passes, 1 when one fails, 2 when the check could not run.
 */
export function registerCheckCommand(program: Command, io: CommandIo = processIo): void {
  const command = program
    .command('check')
    .description("check a webhook handler against InboundFlow's delivery contract: real deliveries, a scorecard, exit 0 when it passes")
    .argument('<url>', 'the handler, e.g. https://staging.example.com/webhooks/inboundflow')
    .option('--secret <secret>', 'the signing secret the handler verifies (without it the signature checks are skipped)')
    .option('--json', 'print the scorecard as JSON (for CI)')
    .option('--api <url>', 'the engine API (env HOOKBENCH_API_URL; default: the engine running on --data-dir)')
    .option('--data-dir <dir>', 'data dir of the running engine: its runtime.json and api-token (env HOOKBENCH_DATA_DIR)')
    .showHelpAfterError(false)
    .addHelpText(
      'after',
      '\nExit status: 0 every required check passed, 1 a required check failed, 2 the check could not run.\n' +
        'Examples:\n  hookbench check https://staging.example.com/webhooks --secret "$INBOUNDFLOW_SECRET"\n' +
        '  hookbench check http://localhost:3000/webhooks --secret whsec_test --json > scorecard.json',
    )
    .action(async (text: string, flags: CheckFlags) => {
      const url = checkUrl(command, text);
      if (flags.secret === '') failBadInput(command, '--secret must not be empty; leave it out to skip the signature checks');
      let card: Scorecard;
      try {
        const engine = findEngine({ api: flags.api, dataDir: flags.dataDir });
        const plan = checkPlan({
          deliveries: plannedDeliveries(flags.secret !== undefined),
          timeoutMs: DELIVERY_TIMEOUT_MS,
          afterHangTimeoutMs: SLOW_ANSWER_MS,
        });
        // With --json, stdout holds only the scorecard.
        (flags.json ? io.stderr : io.stdout)(`${planLine(url, plan)}\n\n`);
        const res = await callEngine(engine, '/checks', {
          method: 'POST',
          body: { url, ...(flags.secret ? { secret: flags.secret } : {}) },
        });
        card = Scorecard.parse(await res.json());
      } catch (error) {
        io.stderr(`hookbench: ${isHookbenchError(error) || error instanceof Error ? error.message : String(error)}\n`);
        io.setExitCode(2);
        return;
      }
      io.stdout(flags.json ? `${JSON.stringify(card, null, 2)}\n` : scorecardText(card));
      io.setExitCode(card.ok ? 0 : 1);
    });
  attachIo(command, io);
}
