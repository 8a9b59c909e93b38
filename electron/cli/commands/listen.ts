import type { Command } from 'commander';
import type { DeliveryRecord } from '../../../shared/api/deliveries.js';
import { DEFAULT_FORWARD_TIMEOUT_MS, ForwardTo, Slug, type Inbox } from '../../../shared/api/inboxes.js';
import { HookbenchError } from '../../../shared/errors.js';
import { inboxPath } from '../../engine/api/inbox-view.js';
import { createEngine, type EngineInfo } from '../../engine/engine.js';
import { createTunnelStatusPrinter } from '../../engine/tunnel/tunnel-status-lines.js';
import { exitWithError } from '../cli-error.js';
import { addEngineOptions, engineConfigFromFlags, type EngineFlags } from '../engine-flags.js';
import { failBadInput } from './command-io.js';

interface ListenFlags extends EngineFlags {
  inbox?: string;
  forwardTo?: string;
  forwardTimeout?: string;
}

/** One line per delivery, like `stripe listen`: time, method and path (or event), signature verdict, handler status, time taken. */
export function deliveryLine(record: DeliveryRecord): string {
  const time = record.received_at.slice(11, 19);
  const what = record.event ? `${record.method} ${record.path}  ${record.event}` : `${record.method} ${record.path}`;
  const signature = record.signature_verdict ? `  [signature ${record.signature_verdict}]` : '';
  const answer = record.answer;
  const status = record.response?.status ?? 0;
  let outcome: string;
  if (!answer || answer.source !== 'forward') {
    const simulated =
      answer?.source === 'failure' ? ` (simulated ${answer.failure?.type})` : answer?.source === 'scripted' ? ' (scripted)' : '';
    outcome = `${status === 0 ? answer?.outcome : status}${simulated}`;
  } else if (answer.outcome === 'sent') outcome = `${status}`;
  else
    outcome = `${status} ${answer.outcome === 'timeout' ? 'forward_timeout' : 'forward_failed'}: ${answer.error?.message ?? ''}`.trimEnd();
  const ms = answer?.duration_ms === undefined ? '' : `  ${answer.duration_ms} ms`;
  return `${time}  ${what}${signature}  → ${outcome}${ms}`;
}

/** The engine's own API, so inbox changes reach the UI's live feed like any other edit. */
function ownApi(info: EngineInfo) {
  return async (path: string, method = 'GET', body?: unknown): Promise<{ status: number; inbox: Inbox }> => {
    const res = await fetch(`${info.apiUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${info.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const value = (await res.json()) as Inbox & { message?: string };
    if (!res.ok && res.status !== 404) throw new HookbenchError('listen_failed', value.message ?? `HTTP ${res.status}`);
    return { status: res.status, inbox: value };
  };
}

/** The inbox to listen on: the default one, or the slug given (created when it does not exist yet). */
async function listenInbox(api: ReturnType<typeof ownApi>, slug: string | undefined): Promise<Inbox> {
  const found = await api(`/inboxes/${slug ?? 'default'}`);
  if (found.status !== 404) return found.inbox;
  return (await api('/inboxes', 'POST', { name: slug, slug })).inbox;
}

/**
 * `hookbench listen --forward-to URL`: the engine headless with one inbox forwarding to a local
 * handler for as long as it runs (the inbox's previous forward-to comes back on a clean stop).
 */
export function registerListenCommand(program: Command): void {
  const command = addEngineOptions(
    program
      .command('listen')
      .description('run the engine headless and forward every delivery of one inbox to your handler, one line per delivery')
      .option('--forward-to <url>', 'your handler, e.g. http://localhost:3000/webhooks (required)')
      .option('--inbox <slug>', 'the inbox to listen on (created if missing; default: the default inbox)')
      .option('--forward-timeout <ms>', `answer the sender 504 when the handler takes longer (default ${DEFAULT_FORWARD_TIMEOUT_MS})`),
  )
    .addHelpText(
      'after',
      '\nExample:\n  hookbench listen --forward-to http://localhost:3000/webhooks\n  hookbench listen --inbox stripe --forward-to http://localhost:4242/webhook --forward-timeout 5000',
    )
    .action(async (flags: ListenFlags) => {
      if (!flags.forwardTo) failBadInput(command, '--forward-to is required (see hookbench listen --help)');
      const target = ForwardTo.safeParse(flags.forwardTo);
      if (!target.success) failBadInput(command, `--forward-to ${target.error.issues[0].message}`);
      if (flags.inbox !== undefined && !Slug.safeParse(flags.inbox).success)
        failBadInput(command, `--inbox must be a slug: lowercase letters, digits and dashes (got "${flags.inbox}")`);
      const timeout = flags.forwardTimeout === undefined ? DEFAULT_FORWARD_TIMEOUT_MS : Number(flags.forwardTimeout);
      if (!Number.isInteger(timeout) || timeout < 100 || timeout > 600_000)
        failBadInput(command, `--forward-timeout must be 100–600000 milliseconds, got "${flags.forwardTimeout}"`);
      const config = { ...engineConfigFromFlags(flags), launchCommand: 'hookbench listen' };
      const engine = createEngine(config, (line) => process.stderr.write(line + '\n'));
      let info: EngineInfo;
      try {
        info = await engine.start();
      } catch (error) {
        exitWithError(error);
      }
      const api = ownApi(info);
      let inbox: Inbox;
      try {
        inbox = await listenInbox(api, flags.inbox);
        await api(`/inboxes/${inbox.id}`, 'PATCH', { forward_to: flags.forwardTo, forward_timeout_ms: timeout });
      } catch (error) {
        await engine.stop();
        exitWithError(error);
      }
      const previous = { forward_to: inbox.forward_to, forward_timeout_ms: inbox.forward_timeout_ms };

      const path = inboxPath(inbox.slug);
      process.stdout.write(
        [
          `Hookbench ${info.version} is listening (data: ${info.dataDir})`,
          `  Forwarding ${info.httpUrl}${path}  →  ${flags.forwardTo}   (timeout ${timeout} ms)`,
          `  Receiver   ${info.httpUrl}/   ${info.httpsUrl}/   (HTTPS: trust ${info.caCertPath})`,
          `  Inbox UI   ${info.uiUrl}`,
          `  API        ${info.apiUrl}   (token: ${info.tokenFile ?? 'from HOOKBENCH_API_TOKEN'})`,
          'Ready: one line per delivery. Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );

      const printTunnelStatus = createTunnelStatusPrinter((line) => process.stdout.write(line + '\n'));
      engine.events.subscribe((message) => {
        if (message.type === 'tunnel.status') return printTunnelStatus(message);
        if (message.type !== 'delivery.created' && message.type !== 'delivery.updated') return;
        if (message.delivery.inbox_id !== inbox.id || message.delivery.direction !== 'in') return;
        const record = engine.store.deliveries.get(message.delivery.id);
        // A forward in flight is printed once its handler has answered (delivery.updated).
        if (record && record.answer?.outcome !== 'pending') process.stdout.write(`${deliveryLine(record)}\n`);
      });

      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) process.exit(130);
        stopping = true;
        process.stdout.write(`\n${signal}: finishing in-flight requests…\n`);
        // The inbox forwards only while listen runs; a deleted inbox has nothing to restore (404).
        api(`/inboxes/${inbox.id}`, 'PATCH', previous)
          .catch(() => {})
          .then(() => engine.stop())
          .then(
            () => process.exit(0),
            (error) => exitWithError(error),
          );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
}
