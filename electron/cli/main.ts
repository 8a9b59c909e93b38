import { Command, CommanderError } from 'commander';
import { appVersion } from '../engine/app-root.js';
import { registerCheckCommand } from './commands/check.js';
import { registerExportCommand } from './commands/export.js';
import { registerListenCommand } from './commands/listen.js';
import { registerRelayCommand } from './commands/relay.js';
import { registerReplayCommand } from './commands/replay.js';
import { registerSchemaCommand } from './commands/schema.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSignCommand } from './commands/sign.js';
import { registerTriggerCommand } from './commands/trigger.js';
import { registerTunnelCommand } from './commands/tunnel.js';
import { registerVerifyCommand } from './commands/verify.js';

export function buildProgram(): Command {
  const program = new Command('hookbench')
    .description('A workbench for webhook integrations: capture, inspect, verify, replay and send webhooks.')
    .version(appVersion(), '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(`hookbench: ${text.replace(/^error: /, '').trim()}\n`) })
    .exitOverride();
  registerServeCommand(program);
  registerListenCommand(program);
  registerReplayCommand(program);
  registerExportCommand(program);
  registerRelayCommand(program);
  registerVerifyCommand(program);
  registerSignCommand(program);
  registerSchemaCommand(program);
  registerTriggerCommand(program);
  registerTunnelCommand(program);
  registerCheckCommand(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    throw error;
  }
}
