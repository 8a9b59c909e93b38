import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';

/**
 * Where the verify, sign and schema commands read input and write output. The CLI uses the
 * process; tests pass their own so they can run commands in-process and read what was printed.
 */
export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** A failing verdict sets the status instead of calling process.exit, which can cut piped output short. */
  setExitCode: (code: number) => void;
}

export const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** Routes a command's own output, help and usage errors to `io`; errors read "hookbench: <reason>". */
export function attachIo(command: Command, io: CommandIo): Command {
  return command.configureOutput({
    writeOut: io.stdout,
    writeErr: io.stderr,
    outputError: (text, write) => write(`hookbench: ${text.replace(/^(hookbench: |error: )/, '')}`),
  });
}

/** Bad input ends the command with one line on stderr and exit status 2. */
export function failBadInput(command: Command, message: string): never {
  // Our messages name their own fix; the program's "(run with --help for usage)" would be a second line saying less.
  command.showHelpAfterError(false);
  return command.error(message, { exitCode: 2, code: 'hookbench.bad_input' });
}

export function requireFlag(command: Command, value: string | undefined, flag: string): string {
  if (value === undefined || value === '') {
    failBadInput(command, `${flag} is required (see hookbench ${command.name()} --help)`);
  }
  return value;
}

/** The raw body, byte for byte: from --body-file, else from stdin when something is piped in. */
export async function readBody(command: Command, bodyFile: string | undefined, io: CommandIo): Promise<Buffer> {
  if (bodyFile === undefined) {
    if (io.stdin.isTTY) failBadInput(command, 'no body: pass --body-file FILE or pipe the body on stdin');
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  const read = await readFile(bodyFile).then(
    (body) => ({ body }),
    (error: NodeJS.ErrnoException) => ({ error }),
  );
  if ('error' in read) failBadInput(command, `cannot read --body-file ${bodyFile}: ${read.error.code ?? read.error.message}`);
  return read.body;
}
