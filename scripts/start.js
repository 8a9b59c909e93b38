#!/usr/bin/env node
// `npm start` (after `npm run build`): the desktop app when the Electron binary is installed,
// otherwise the same engine headless through `hookbench serve`, with the UI in a browser.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const osSignals = constants.signals;
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

/** The Electron executable, or null: the npm package throws when its binary was never downloaded. */
function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}

/**
 * Runs the child in its own process group, so a Ctrl+C reaches it once — passed on from here —
 * rather than twice (terminal + forwarded), which `hookbench serve` reads as "stop immediately".
 * Its output goes to this terminal and its exit code becomes ours. It also gets a pipe on fd 3
 * (HOOKBENCH_PARENT_FD): when this process dies, even by SIGKILL, the pipe closes and the engine stops.
 */
function runForwardingSignals(command, commandArgs) {
  // Windows has no process groups to speak of: the console hands Ctrl+C to the child itself.
  const ownGroup = process.platform !== 'win32';
  const child = spawn(command, commandArgs, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
    env: { ...process.env, HOOKBENCH_PARENT_FD: '3' },
    detached: ownGroup,
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (ownGroup && child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`npm start: could not run ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? osSignals[signal] : 0)));
}

const electron = electronBinary();
if (electron) {
  runForwardingSignals(electron, ['.', ...args]);
} else {
  console.log(
    'The Electron binary is not installed here, so npm start runs `hookbench serve` instead (headless; open the printed Inbox UI URL in a browser).',
  );
  runForwardingSignals(process.execPath, [fileURLToPath(new URL('../bin/hookbench.js', import.meta.url)), 'serve', ...args]);
}
