/** Prints a readable table and merges figures into bench-results.json (flat name → number). */
import fs from 'node:fs';
import path from 'node:path';

export type Figures = Record<string, number>;

export const RESULTS_FILE = path.resolve(__dirname, '..', 'bench-results.json');

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}

export const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

export function printTable(area: string, figures: Figures): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length), 10);
  console.log(`\n== ${area} ==`);
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${String(v).padStart(12)}`);
}

export function mergeResults(figures: Figures): void {
  let current: Figures = {};
  try {
    current = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Figures;
  } catch {
    current = {};
  }
  const merged = { ...current, ...figures };
  const sorted = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
  fs.writeFileSync(RESULTS_FILE, JSON.stringify(sorted, null, 2) + '\n');
}
