export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 15_000;

/** Exponential backoff with ±20% jitter so many windows do not reconnect in lockstep. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const exact = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(exact * (0.8 + 0.4 * random()));
}
