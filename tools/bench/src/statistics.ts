// Percentiles of sorted samples (nearest rank).

/** The nearest-rank percentile of ascending `sorted` samples; 0 when there are none. */
export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}
