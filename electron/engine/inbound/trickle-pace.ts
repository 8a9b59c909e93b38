/** How a trickled body is paced: a slice every tick, never more often than every 100 ms. */
export interface TricklePace {
  tickMs: number;
  slice: number;
}

export function tricklePace(bytesPerSecond: number): TricklePace {
  const tickMs = Math.max(100, Math.ceil(1000 / bytesPerSecond));
  return { tickMs, slice: Math.max(1, Math.round((bytesPerSecond * tickMs) / 1000)) };
}
