/**
 * The bench's arithmetic. RSA key generation varies run to run with the prime
 * search, so every line reports median, min and max, and a ratio of medians
 * comes with a bootstrap interval.
 */

export interface Stats {
  median: number;
  min: number;
  max: number;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

/**
 * How far the ratio of two medians can be trusted: the 2.5th and 97.5th
 * percentiles of that ratio over resamples of the runs (a percentile bootstrap).
 */
export function ratioInterval(numerators: number[], denominators: number[], resamples = 2000): [number, number] {
  const resample = (values: number[]) => Array.from(values, () => values[Math.floor(Math.random() * values.length)]!);
  const ratios = Array.from({ length: resamples }, () => stats(resample(numerators)).median / stats(resample(denominators)).median).sort((a, b) => a - b);
  return [ratios[Math.floor(resamples * 0.025)]!, ratios[Math.floor(resamples * 0.975)]!];
}

export const ms = (s: Stats) => `median ${s.median.toFixed(1)} ms   (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)})`;
