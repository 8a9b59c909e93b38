import type { Command } from 'commander';
import { INBOUNDFLOW_HEADERS } from '../../../shared/inboundflow/headers.js';
import { sign } from '../../../shared/inboundflow/signature.js';
import { attachIo, type CommandIo, failBadInput, processIo, readBody, requireFlag } from './command-io.js';

interface SignFlags {
  secret?: string;
  timestamp?: string;
  bodyFile?: string;
  curl?: boolean;
}

/** `hookbench sign`: prints the timestamp and signature headers an InboundFlow sender adds. */
export function registerSignCommand(program: Command, io: CommandIo = processIo): void {
  const command = program
    .command('sign')
    .description('sign a body as InboundFlow does and print the headers to send with it')
    .option('--secret <secret>', 'the signing secret (required)')
    .option('--timestamp <seconds>', 'unix seconds to sign (default: now)')
    .option('--body-file <path>', 'file holding the exact body to send (default: read stdin)')
    .option('--curl', 'print the headers as curl -H arguments')
    .addHelpText(
      'after',
      '\nExample:\n  curl https://localhost:4611/ --data-binary @body.json -H "Content-Type: application/json" \\\n' +
        '    $(hookbench sign --secret "$SECRET" --body-file body.json --curl)\n' +
        'Send the body with --data-binary: curl -d strips line breaks and the signature no longer matches.',
    )
    .action(async (flags: SignFlags) => {
      const secret = requireFlag(command, flags.secret, '--secret');
      const timestamp = flags.timestamp ?? String(Math.floor(Date.now() / 1000));
      if (!/^\d+$/.test(timestamp)) failBadInput(command, `--timestamp must be unix seconds, got "${timestamp}"`);
      const rawBody = await readBody(command, flags.bodyFile, io);
      const headers: [string, string][] = [
        [INBOUNDFLOW_HEADERS.timestamp, timestamp],
        [INBOUNDFLOW_HEADERS.signature, sign(secret, timestamp, rawBody)],
      ];
      // Values are digits and "sha256=<hex>", so single quotes need no escaping inside them.
      io.stdout(
        flags.curl
          ? `${headers.map(([name, value]) => `-H '${name}: ${value}'`).join(' ')}\n`
          : headers.map(([name, value]) => `${name}: ${value}\n`).join(''),
      );
    });
  attachIo(command, io);
}
