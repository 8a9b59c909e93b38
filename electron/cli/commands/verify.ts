import type { Command } from 'commander';
import { diagnose, type Diagnosis } from '../../../shared/inboundflow/diagnose.js';
import { INBOUNDFLOW_HEADERS } from '../../../shared/inboundflow/headers.js';
import { detectScheme } from '../../../shared/signatures/detect.js';
import { BUILT_IN_SCHEMES } from '../../../shared/signatures/registry.js';
import { SCHEME_NAMES, type SignatureScheme } from '../../../shared/signatures/scheme.js';
import { attachIo, type CommandIo, failBadInput, processIo, readBody, requireFlag } from './command-io.js';
import { formatSchemeDiagnosis } from './scheme-diagnosis-text.js';
import {
  addCustomSchemeOptions,
  addSchemeOption,
  headersFromFlags,
  rejectStrayCustomFlags,
  type SchemeFlags,
  schemeFromFlags,
  withHeader,
} from './scheme-flags.js';

interface VerifyFlags extends SchemeFlags {
  secret?: string;
  previousSecret?: string;
  timestamp?: string;
  signature?: string;
  id?: string;
  url?: string;
  localUrl?: string;
  bodyFile?: string;
  tolerance?: string;
  json?: boolean;
}

const INBOUNDFLOW_TOLERANCE = '300';

/** `hookbench verify`: exit 0 and "valid", 1 and the diagnosis, 2 on bad input. */
export function registerVerifyCommand(program: Command, io: CommandIo = processIo): void {
  const command = program
    .command('verify')
    .description('check a webhook signature (InboundFlow by default, or --scheme), and say why it fails and what to fix');
  addSchemeOption(command, ['auto', ...SCHEME_NAMES], 'a header as received,')
    .option('--secret <secret>', 'the signing secret (required)')
    .option('--previous-secret <secret>', 'the secret before a rotation; a match is valid, and says so')
    .option('--timestamp <seconds>', "the scheme's timestamp header as received (InboundFlow: required)")
    .option('--signature <value>', "the scheme's signature header as received (InboundFlow: required, sha256=<hex>)")
    .option('--id <id>', 'the message id header as received (standard-webhooks: webhook-id)')
    .option('--url <url>', 'the public URL the sender requested (twilio, custom {url})')
    .option('--local-url <url>', 'the URL as the local server saw it (twilio: says when only it matches)')
    .option('--body-file <path>', 'file holding the raw body (default: read stdin)')
    .option('--tolerance <seconds>', "how far the timestamp may be from now (default: the sender's, 300)")
    .option('--json', 'print the whole diagnosis as JSON');
  addCustomSchemeOptions(command).addHelpText(
    'after',
    '\nExamples:\n' +
      '  hookbench verify --secret "$SECRET" --timestamp 1709064000 --signature sha256=… --body-file body.json\n' +
      '  hookbench verify --scheme stripe --secret whsec_… --signature "t=1709064000,v1=…" --body-file body.json\n' +
      '  hookbench verify --scheme auto --secret "$SECRET" -H "X-Hub-Signature-256: sha256=…" --body-file body.json\n' +
      '  hookbench verify --scheme twilio --secret "$AUTH_TOKEN" --url https://….trycloudflare.com/sms --signature … --body-file form.txt',
  );
  command.action(async (flags: VerifyFlags) => {
    rejectStrayCustomFlags(command, flags);
    const scheme = schemeFromFlags(command, flags, true);
    const secret = requireFlag(command, flags.secret, '--secret');
    if (flags.tolerance !== undefined && !/^\d+$/.test(flags.tolerance)) {
      failBadInput(command, `--tolerance must be whole seconds, got "${flags.tolerance}"`);
    }
    const received = headersFromFlags(command, flags.header);
    if (scheme !== 'auto' && scheme.name === 'inboundflow') return verifyInboundFlow(command, io, flags, secret, received);

    const chosen = scheme === 'auto' ? autoScheme(command, flags, received) : scheme;
    const headers = shortcutHeaders(command, chosen, flags, received);
    const rawBody = await readBody(command, flags.bodyFile, io);
    const diagnosis = chosen.diagnose(
      {
        rawBody,
        headers,
        ...(flags.url !== undefined ? { url: flags.url } : {}),
        ...(flags.localUrl !== undefined ? { localUrl: flags.localUrl } : {}),
      },
      flags.previousSecret ? [secret, flags.previousSecret] : [secret],
      { now: new Date(), ...(flags.tolerance !== undefined ? { toleranceSeconds: Number(flags.tolerance) } : {}) },
    );
    io.stdout(flags.json ? `${JSON.stringify(diagnosis, null, 2)}\n` : formatSchemeDiagnosis(diagnosis));
    if (diagnosis.verdict !== 'valid') io.setExitCode(1);
  });
  attachIo(command, io);
}

/** `auto`: the scheme whose signature header came with -H (or --signature, which needs a named scheme). */
function autoScheme(command: Command, flags: VerifyFlags, received: [string, string][]): SignatureScheme {
  if (flags.signature !== undefined)
    failBadInput(command, '--scheme auto recognises a scheme from -H headers; with --signature, name the --scheme');
  const detected = detectScheme(received);
  if (detected === null) failBadInput(command, '--scheme auto found no signature header it knows among the -H headers');
  return BUILT_IN_SCHEMES[detected.scheme];
}

/** The -H headers with --signature, --timestamp and --id put in the scheme's own headers. */
function shortcutHeaders(command: Command, scheme: SignatureScheme, flags: VerifyFlags, received: [string, string][]): [string, string][] {
  let headers = received;
  if (flags.signature !== undefined) headers = withHeader(headers, scheme.signatureHeader, flags.signature);
  if (flags.timestamp !== undefined) {
    if (!scheme.timestampHeader) {
      const where = scheme.name === 'stripe' ? ": Stripe's timestamp is the t= inside --signature" : '';
      failBadInput(command, `--timestamp does not apply to --scheme ${scheme.name}${where}`);
    }
    headers = withHeader(headers, scheme.timestampHeader, flags.timestamp);
  }
  if (flags.id !== undefined) {
    if (!scheme.idHeader) failBadInput(command, `--id does not apply to --scheme ${scheme.name}`);
    headers = withHeader(headers, scheme.idHeader, flags.id);
  }
  return headers;
}

/** InboundFlow, exactly as before --scheme existed (its output and JSON shape are relied on); -H can stand in for the flags. */
async function verifyInboundFlow(command: Command, io: CommandIo, flags: VerifyFlags, secret: string, received: [string, string][]) {
  const fromHeader = (name: string) => received.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  const timestamp = requireFlag(command, flags.timestamp ?? fromHeader(INBOUNDFLOW_HEADERS.timestamp), '--timestamp');
  const signature = requireFlag(command, flags.signature ?? fromHeader(INBOUNDFLOW_HEADERS.signature), '--signature');
  if (flags.id !== undefined) failBadInput(command, '--id does not apply to --scheme inboundflow');
  const rawBody = await readBody(command, flags.bodyFile, io);
  const diagnosis = diagnose({
    rawBody,
    headers: [
      [INBOUNDFLOW_HEADERS.timestamp, timestamp],
      [INBOUNDFLOW_HEADERS.signature, signature],
    ],
    secrets: flags.previousSecret ? [secret, flags.previousSecret] : [secret],
    toleranceSeconds: Number(flags.tolerance ?? INBOUNDFLOW_TOLERANCE),
  });
  io.stdout(flags.json ? `${JSON.stringify(diagnosis, null, 2)}\n` : formatDiagnosis(diagnosis));
  if (diagnosis.verdict !== 'valid') io.setExitCode(1);
}

function formatDiagnosis(diagnosis: Diagnosis): string {
  if (diagnosis.verdict === 'valid') {
    return diagnosis.cause === null ? 'valid\n' : `valid\nnote: ${diagnosis.reason}\nfix: ${diagnosis.fix}\n`;
  }
  const { steps, firstDifference } = diagnosis;
  const lines = [`${diagnosis.verdict}: ${diagnosis.cause}`, `reason: ${diagnosis.reason}`, `fix: ${diagnosis.fix}`];
  if (steps.signedStringPreview !== null) lines.push(`signed: ${steps.signedStringPreview} (${steps.signedStringLength} bytes)`);
  if (steps.expected !== null) lines.push(`expected: ${steps.expected}`);
  if (steps.received !== null) lines.push(`received: ${steps.received}`);
  if (firstDifference) {
    lines.push(
      `body vs JSON.stringify(JSON.parse(body)), first difference at byte ${firstDifference.offset}:`,
      `  raw:          ${firstDifference.raw}`,
      `  reserialized: ${firstDifference.reserialized}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
