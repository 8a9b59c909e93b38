export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before reconnect attempt `attempt` (0 = the first retry): exponential from baseMs up to
 * maxMs, with "equal jitter" (half fixed, half random) so a relay restart does not bring every
 * client back in the same instant, yet no client waits longer than maxMs.
 */
export function reconnectDelay(attempt: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
