import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { INBOUNDFLOW_EVENTS, isInboundFlowEvent, type InboundFlowEvent } from '../../../shared/inboundflow/events.js';
import { defaultDataDir } from '../../engine/config.js';
import { deliveryHeaders, envelopeBytes, wireHeaders } from '../../engine/dispatch/delivery-request.js';
import { checkEventData } from '../../engine/dispatch/event-data.js';
import { eventTemplate } from '../../engine/dispatch/event-templates.js';
import { createSender } from '../../engine/dispatch/http-sender.js';
import type { AttemptResult } from '../../engine/outbound/attempt-result.js';
import { tlsPaths } from '../../engine/tls/local-ca.js';
import { attachIo, type CommandIo, failBadInput, processIo } from './command-io.js';
import { triggerViaEngine } from './trigger-via-engine.js';

interface TriggerFlags {
  to?: string;
  secret?: string;
  dataFile?: string;
  insecureHttp?: boolean;
  timeout: string;
  dataDir?: string;
  api?: string;
  json?: boolean;
  verbose?: boolean;
}

/**
 * `hookbench trigger EVENT --to URL`: one delivery made and sent by the dispatch engine's own code
 * (envelope, signature, headers, timeout, failure classes), without a running engine.
 * Without --to, the event goes through a running engine to its integrations.
 * Exit 0 on a 2xx, 1 on a failed delivery, 2 on bad input.
 */
export function registerTriggerCommand(program: Command, io: CommandIo = processIo): void {
  const command = program
    .command('trigger')
    .description('send one InboundFlow event, signed and timed exactly as InboundFlow sends it')
    .argument('<event>', `one of: ${INBOUNDFLOW_EVENTS.join(', ')}`)
    .option(
      '--to <url>',
      'send straight to this URL (https://, or http:// with --insecure-http); without it, fire through the running engine',
    )
    .option('--secret <secret>', 'signing secret: adds X-InboundFlow-Signature')
    .option('--data-file <path>', "JSON file with the event's data object (default: a realistic sample)")
    .option('--insecure-http', 'allow a plain http:// URL (InboundFlow itself only sends to https://)')
    .option('--timeout <ms>', 'with --to: give up after this many milliseconds, as InboundFlow does after 10 s', '10000')
    .option(
      '--data-dir <dir>',
      'Hookbench data dir: its local CA is trusted and, without --to, its running engine is used (env HOOKBENCH_DATA_DIR)',
    )
    .option('--api <url>', "without --to: the running engine's API (env HOOKBENCH_API_URL; default: the engine running on --data-dir)")
    .option('--json', 'print the result as JSON')
    .option('--verbose', 'also print the request headers and the response')
    // Bad input is reported in exactly one line, without the program's usage hint after it.
    .showHelpAfterError(false)
    .addHelpText(
      'after',
      '\nExamples:\n  hookbench trigger call.completed --to https://hooks.zapier.com/hooks/catch/123/abc/ --secret "$SECRET"\n' +
        '  hookbench trigger lead.created --to http://localhost:3000/webhooks --insecure-http --data-file lead.json\n' +
        '  hookbench trigger appointment.booked          # through the running engine, to every subscribed integration',
    )
    .action(async (event: string, flags: TriggerFlags) => {
      if (!isInboundFlowEvent(event)) failBadInput(command, `unknown event "${event}"; known events: ${INBOUNDFLOW_EVENTS.join(', ')}`);
      if (!/^\d+$/.test(flags.timeout) || Number(flags.timeout) < 1)
        failBadInput(command, `--timeout must be whole milliseconds, got "${flags.timeout}"`);
      const data = flags.dataFile === undefined ? undefined : await readData(command, event, flags.dataFile);
      if (flags.to === undefined) {
        const ok = await triggerViaEngine(command, io, { event, data, api: flags.api, dataDir: flags.dataDir, json: flags.json === true });
        if (!ok) io.setExitCode(1);
        return;
      }
      const dataDir = flags.dataDir ?? (process.env.HOOKBENCH_DATA_DIR || defaultDataDir());
      const url = targetUrl(command, flags.to, flags.insecureHttp === true);
      const result = await sendOnce({
        event,
        data: data ?? eventTemplate(event),
        url,
        secret: flags.secret ?? null,
        timeoutMs: Number(flags.timeout),
        dataDir,
      });
      io.stdout(
        flags.json ? `${JSON.stringify(toJson(event, url, result), null, 2)}\n` : formatResult(event, url, result, flags.verbose === true),
      );
      if (result.attempt.outcome !== 'succeeded') io.setExitCode(1);
    });
  attachIo(command, io);
}

async function readData(command: Command, event: InboundFlowEvent, file: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) =>
    failBadInput(command, `cannot read --data-file ${file}: ${error.code ?? error.message}`),
  );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    failBadInput(command, `--data-file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    failBadInput(command, `--data-file ${file} must hold a JSON object: the event's "data"`);
  }
  try {
    return checkEventData(event, value as Record<string, unknown>);
  } catch (error) {
    failBadInput(command, `--data-file ${file}: ${(error as Error).message}`);
  }
}

function targetUrl(command: Command, text: string, insecureHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return failBadInput(command, `--to ${JSON.stringify(text)} is not an absolute URL`);
  }
  if (url.username || url.password)
    failBadInput(command, '--to must not contain a user name or password; InboundFlow sends no credentials');
  if (url.protocol === 'https:' || (insecureHttp && url.protocol === 'http:')) return url;
  return failBadInput(
    command,
    url.protocol === 'http:'
      ? 'URL must use https:// — InboundFlow only delivers to HTTPS endpoints (pass --insecure-http to send over plain HTTP anyway)'
      : `--to must be an https:// URL, got ${url.protocol}`,
  );
}

interface SentDelivery {
  deliveryId: string;
  requestHeaders: [string, string][];
  attempt: AttemptResult;
}

/** Builds, signs and sends one delivery with the engine's own sender; trusts the data dir's local CA when there is one. */
async function sendOnce(input: {
  event: InboundFlowEvent;
  data: Record<string, unknown>;
  url: URL;
  secret: string | null;
  timeoutMs: number;
  dataDir: string;
}): Promise<SentDelivery> {
  const deliveryId = randomUUID();
  const body = envelopeBytes({ event: input.event, occurredAt: new Date(), organizationId: randomUUID(), deliveryId, data: input.data });
  const headers = deliveryHeaders({ event: input.event, deliveryId, timestamp: Math.floor(Date.now() / 1000), body, secret: input.secret });
  const caFile = tlsPaths(input.dataDir).caCert;
  const sender = createSender({ timeoutMs: input.timeoutMs, extraCaPems: existsSync(caFile) ? [readFileSync(caFile, 'utf8')] : [] });
  try {
    const attempt = await sender.send({ url: input.url, headers, body });
    return { deliveryId, requestHeaders: wireHeaders(input.url, headers, body.byteLength), attempt };
  } finally {
    await sender.close();
  }
}

function toJson(event: string, url: URL, sent: SentDelivery) {
  const { attempt } = sent;
  return {
    event,
    url: url.href,
    delivery_id: sent.deliveryId,
    outcome: attempt.outcome,
    status: attempt.status,
    duration_ms: attempt.durationMs,
    error_class: attempt.errorClass,
    error_message: attempt.errorMessage,
    request_headers: sent.requestHeaders,
    response_headers: attempt.responseHeaders,
    response_body: attempt.responseBody?.toString('utf8') ?? null,
    response_truncated: attempt.truncated,
  };
}

function formatResult(event: string, url: URL, sent: SentDelivery, verbose: boolean): string {
  const { attempt } = sent;
  const lines = [`${event} → ${url.href}`, `delivery id  ${sent.deliveryId}`];
  if (verbose) lines.push('request headers:', ...sent.requestHeaders.map(([name, value]) => `  ${name}: ${value}`));
  if (attempt.outcome === 'succeeded') {
    lines.push(`delivered    ${attempt.status} in ${attempt.durationMs} ms`);
  } else {
    lines.push(`failed       ${attempt.errorClass} after ${attempt.durationMs} ms`, `reason       ${attempt.errorMessage}`);
  }
  if (verbose && attempt.responseHeaders) {
    lines.push('response headers:', ...attempt.responseHeaders.map(([name, value]) => `  ${name}: ${value}`));
    const text = attempt.responseBody?.toString('utf8') ?? '';
    lines.push('response body:', `  ${text.slice(0, 2048)}${text.length > 2048 || attempt.truncated ? ' …(cut)' : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
