import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { parseJsonBody } from '../../../shared/inboundflow/reserialization.js';
import { SCHEME_NAMES, type SignatureScheme } from '../../../shared/signatures/scheme.js';
import { attachIo, type CommandIo, failBadInput, processIo, readBody, requireFlag } from './command-io.js';
import { curlConfig } from './curl-config.js';
import {
  addCustomSchemeOptions,
  addSchemeOption,
  headersFromFlags,
  rejectStrayCustomFlags,
  type SchemeFlags,
  schemeFromFlags,
} from './scheme-flags.js';

interface SignFlags extends SchemeFlags {
  secret?: string;
  timestamp?: string;
  id?: string;
  url?: string;
  contentType?: string;
  bodyFile?: string;
  curl?: boolean;
}

/** `hookbench sign`: prints the headers a sender of that scheme adds, so a handler can be tested before the sender exists. */
export function registerSignCommand(program: Command, io: CommandIo = processIo): void {
  const command = program
    .command('sign')
    .description('sign a body as a sender does (InboundFlow by default, or --scheme) and print the headers to send with it');
  addSchemeOption(command, SCHEME_NAMES, 'another header the request carries (custom {header:Name}),')
    .option('--secret <secret>', 'the signing secret (required)')
    .option('--timestamp <seconds>', 'unix seconds to sign (default: now)')
    .option('--id <id>', 'message id (standard-webhooks webhook-id, custom {id}; default: a random msg_…)')
    .option('--url <url>', 'the URL the request will be sent to (twilio: required; custom {url})')
    .option(
      '--content-type <type>',
      'twilio: the Content-Type it is sent with (default: application/json for a JSON body, else a form post)',
    )
    .option('--body-file <path>', 'file holding the exact body to send (default: read stdin)')
    .option('--curl', 'print a curl config of the headers (and URL) for `curl -K -`');
  addCustomSchemeOptions(command).addHelpText(
    'after',
    '\nExamples (the output goes to curl on stdin; curl -K - reads it as its config):\n' +
      '  hookbench sign --secret "$SECRET" --body-file body.json --curl |\n' +
      '    curl -K - --data-binary @body.json -H "Content-Type: application/json" "$URL"\n' +
      '  hookbench sign --scheme twilio --secret "$AUTH_TOKEN" --url "$URL" --body-file form.txt --curl |\n' +
      '    curl -K - --data-binary @form.txt -H "Content-Type: application/x-www-form-urlencoded"\n' +
      'Send the body with --data-binary: curl -d strips line breaks and the signature no longer matches.\n' +
      'With --url, the config carries the URL (Twilio adds bodySHA256 to it for a JSON body): do not repeat it.',
  );
  command.action(async (flags: SignFlags) => {
    rejectStrayCustomFlags(command, flags);
    const scheme = schemeFromFlags(command, flags, false) as SignatureScheme;
    const secret = requireFlag(command, flags.secret, '--secret');
    const timestamp = flags.timestamp ?? String(Math.floor(Date.now() / 1000));
    if (!/^\d+$/.test(timestamp)) failBadInput(command, `--timestamp must be unix seconds, got "${timestamp}"`);
    const extraHeaders = headersFromFlags(command, flags.header);
    const rawBody = await readBody(command, flags.bodyFile, io);
    const contentType =
      flags.contentType ?? (parseJsonBody(rawBody) === undefined ? 'application/x-www-form-urlencoded' : 'application/json');
    const signed = scheme.sign({
      secret,
      rawBody,
      timestamp: Number(timestamp),
      id: flags.id ?? (scheme.idHeader ? `msg_${randomBytes(12).toString('hex')}` : undefined),
      ...(flags.url !== undefined ? { url: flags.url } : {}),
      contentType,
      headers: extraHeaders,
    });
    if (!signed.ok) failBadInput(command, signed.reason);
    const headers = [...extraHeaders, ...signed.headers];
    const url = signed.url ?? flags.url;
    if (flags.curl) {
      io.stdout(curlConfig(headers, url));
      return;
    }
    io.stdout(headers.map(([name, value]) => `${name}: ${value}\n`).join(''));
    if (signed.url !== undefined) io.stderr(`hookbench: send it to ${signed.url} (${scheme.label} signs the URL, with bodySHA256 added)\n`);
  });
  attachIo(command, io);
}
