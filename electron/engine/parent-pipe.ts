import net from 'node:net';
import { HookbenchError } from '../../shared/errors.js';

/** Names the inherited descriptor of a pipe whose other end the parent holds (`npm start` passes 3). */
export const PARENT_FD_VARIABLE = 'HOOKBENCH_PARENT_FD';

/**
 * Resolves once the parent that passed a pipe is gone: its end closes when it exits, even by
 * SIGKILL, which no signal handler of ours would see. Null when no pipe was passed. A bad value
 * fails at once, before the engine writes anything.
 */
export function parentGone(env: NodeJS.ProcessEnv): Promise<void> | null {
  const value = env[PARENT_FD_VARIABLE];
  if (value === undefined || value === '') return null;
  // Our own children must not take a descriptor number that means nothing to them.
  delete env[PARENT_FD_VARIABLE];
  if (!/^\d+$/.test(value)) {
    throw new HookbenchError(
      'invalid_config',
      `${PARENT_FD_VARIABLE} must be the number of a pipe the parent passed (such as 3), got "${value}"`,
    );
  }
  let pipe: net.Socket;
  try {
    pipe = new net.Socket({ fd: Number(value), readable: true, writable: false });
  } catch (error) {
    const reason = (error as Error).message;
    throw new HookbenchError(
      'invalid_config',
      `${PARENT_FD_VARIABLE}=${value} is not a pipe from the parent (${reason}); pass the number of an inherited pipe, or leave it unset.`,
    );
  }
  return new Promise((resolve) => {
    // Reading is what notices the close; what the parent writes means nothing.
    pipe.on('data', () => {});
    pipe.once('end', () => resolve());
    pipe.once('close', () => resolve());
    pipe.once('error', () => resolve());
    // The watch alone must not keep a stopped engine's process alive.
    pipe.unref();
  });
}
