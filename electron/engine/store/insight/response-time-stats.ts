import { RESPONSE_TIME_EDGES_MS, type ResponseTimeBin } from '../../../../shared/api/insight.js';

/** Counts per bin index (as msBinSql numbers them) turned into the API's bins, edges included. */
export function responseTimeBins(
  countByBin: ReadonlyMap<number, number>,
  edges: readonly number[] = RESPONSE_TIME_EDGES_MS,
): ResponseTimeBin[] {
  return edges.map((min, i) => ({ min_ms: min, max_ms: i + 1 < edges.length ? edges[i + 1] : null, count: countByBin.get(i) ?? 0 }));
}

/**
 * The p-th percentile (0 < p <= 1) by nearest rank, as well as bins can tell it: the upper edge
 * of the bin holding that rank, or the lower edge of the last, open bin. null when nothing is timed.
 */
export function binnedPercentile(bins: readonly ResponseTimeBin[], p: number): number | null {
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bin of bins) {
    seen += bin.count;
    if (seen >= rank) return bin.max_ms ?? bin.min_ms;
  }
  return null;
}
