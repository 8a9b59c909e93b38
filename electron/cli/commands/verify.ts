import type { Command } from 'commander';
import { diagnose, type Diagnosis } from '../../../shared/inboundflow/diagnose.js';
import { INBOUNDFLOW_HEADERS } from '../../../shared/inboundflow/headers.js';
import { attachIo, type CommandIo, failBadInput, processIo, readBody, requireFlag } from './command-io.js';

interface VerifyFlags {
  secret?: string;
  previousSecret?: string;
  timestamp?: string;
  signature?: string;
  bodyFile?: string;
  tolerance: string;
  json?: boolean;
}

/** `hookbench verify`: exit 0 and "valid", 1 and the diagnosis, 2 on bad input. */
export function registerVerifyCommand(program: Command, io: CommandIo = processIo): void {
  const command = program
    .command('verify')
    .description('check an InboundFlow webhook signature, and say why it fails and what to fix')
    .option('--secret <secret>', 'the signing secret (required)')
    .option('--previous-secret <secret>', 'the secret before a rotation; a match is valid, and says so')
    .option('--timestamp <seconds>', 'the X-InboundFlow-Timestamp header as received (required)')
    .option('--signature <value>', 'the X-InboundFlow-Signature header as received, sha256=<hex> (required)')
    .option('--body-file <path>', 'file holding the raw body (default: read stdin)')
    .option('--tolerance <seconds>', 'how far the timestamp may be from now', '300')
    .option('--json', 'print the whole diagnosis as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  hookbench verify --secret "$SECRET" --timestamp 1709064000 --signature sha256=… --body-file body.json',
    )
    .action(async (flags: VerifyFlags) => {
      const secret = requireFlag(command, flags.secret, '--secret');
      const timestamp = requireFlag(command, flags.timestamp, '--timestamp');
      const signature = requireFlag(command, flags.signature, '--signature');
      if (!/^\d+$/.test(flags.tolerance)) failBadInput(command, `--tolerance must be whole seconds, got "${flags.tolerance}"`);
      const rawBody = await readBody(command, flags.bodyFile, io);
      const diagnosis = diagnose({
        rawBody,
        headers: [
          [INBOUNDFLOW_HEADERS.timestamp, timestamp],
          [INBOUNDFLOW_HEADERS.signature, signature],
        ],
        secrets: flags.previousSecret ? [secret, flags.previousSecret] : [secret],
        toleranceSeconds: Number(flags.tolerance),
      });
      io.stdout(flags.json ? `${JSON.stringify(diagnosis, null, 2)}\n` : formatDiagnosis(diagnosis));
      if (diagnosis.verdict !== 'valid') io.setExitCode(1);
    });
  attachIo(command, io);
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
