/** One benchmark figure. Each bench module exports an async function returning BenchFigure[]. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** value ÷ baseline, when the figure has a baseline. */
  ratio?: number;
  /** What the ratio is against, e.g. "raw @lezer/python parse". */
  baseline?: string;
  /** The goal, e.g. "≤ 2.5×". */
  goal?: string;
}
