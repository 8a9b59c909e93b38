/** Resolves when `check` holds, checking after every event-loop turn batch (10 ms); fails with `what` after the timeout. */
export function waitUntil<T>(check: () => T | null | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      let value: T | null | undefined | false;
      try {
        value = check();
      } catch (error) {
        return reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (value) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

/** Like waitUntil, for a check that has to ask something asynchronously (an API); one check at a time. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
