import { isHookbenchError } from '../../shared/errors.js';

/** Every CLI failure ends as one line on stderr and a non-zero exit: 2 for bad input, 1 otherwise. */
export function exitWithError(error: unknown): never {
  const message = isHookbenchError(error) ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`hookbench: ${message.split('\n')[0]}\n`);
  process.exit(isHookbenchError(error) && error.status < 500 ? 2 : 1);
}
