import { Readable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import type { CommandIo } from '../../../electron/cli/commands/command-io.js';

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one registered command in-process as `hookbench <args…>` and reports its exit status
 * and output. `stdin` undefined stands for an interactive terminal (nothing piped in).
 */
export async function runCommand(
  register: (program: Command, io: CommandIo) => void,
  args: string[],
  stdin?: Buffer | string,
): Promise<CommandRun> {
  const run: CommandRun = { code: 0, stdout: '', stderr: '' };
  const input = Readable.from(stdin === undefined ? [] : [Buffer.from(stdin)]) as Readable & { isTTY?: boolean };
  if (stdin === undefined) input.isTTY = true;
  const io: CommandIo = {
    stdout: (text) => {
      run.stdout += text;
    },
    stderr: (text) => {
      run.stderr += text;
    },
    stdin: input,
    setExitCode: (code) => {
      run.code = code;
    },
  };
  // Settings are copied into a subcommand when it is created, so exitOverride comes first.
  const program = new Command('hookbench').exitOverride();
  register(program, io);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    run.code = error.exitCode;
  }
  return run;
}
