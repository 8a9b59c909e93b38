/**
 * An error a user can act on: a stable machine code, a sentence that says what to do,
 * and the HTTP status it maps to when it crosses the control API.
 */
export class HookbenchError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HookbenchError';
  }
}

export function isHookbenchError(value: unknown): value is HookbenchError {
  return value instanceof HookbenchError;
}
