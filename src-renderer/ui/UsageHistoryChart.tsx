/**
 * Use per period as bars, with the period under review highlighted and dashed reference lines
 * for the figures a read is judged against (prior period, same period last year, average),
 * each labelled with its value. Plain SVG, like the account page's chart: a few bars and lines
 * need no chart library.
 */

export interface ChartPeriod {
  period: string;
  usageHcf: string;
  estimated: boolean;
  current: boolean;
}

export interface ChartReference {
  /** Stable key, also the data-reference attribute tests and styles use. */
  key: string;
  label: string;
  /** HCF as an exact decimal string. */
  valueHcf: string;
}

const WIDTH = 580;
const HEIGHT = 230;
/** Two lines under the bars: the month, and the year under the first bar and each January. */
const AXIS_HEIGHT = 36;
const TOP_GAP = 22;
const LEFT = 4;
/** Room on the right for the reference lines' labels. */
const LABEL_WIDTH = 150;
/** A bar more than this many times the rest is drawn broken, so the others stay readable. */
const OUTLIER_FACTOR = 3;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11" → "Nov 26". */
export function periodLabel(period: string): string {
  const month = Number(period.slice(5, 7));
  return `${MONTH_NAMES[month - 1] ?? ''} ${period.slice(2, 4)}`;
}

const toNumber = (value: string) => {
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
};

/**
 * Labels of reference lines that would overlap are nudged apart vertically (kept in the plot),
 * so "Average 12" and "Prior 12.5" stay readable when the figures are close.
 */
export function spreadLabels(ys: readonly number[], minGap: number, top: number, bottom: number): number[] {
  const order = ys.map((y, index) => ({ y, index })).sort((a, b) => a.y - b.y);
  const placed: number[] = [];
  for (const [rank, item] of order.entries()) {
    const previous = placed[rank - 1];
    placed.push(Math.max(item.y, top, previous === undefined ? top : previous + minGap));
  }
  // If the last label fell off the bottom, push the stack back up.
  for (let rank = placed.length - 1; rank >= 0; rank -= 1) {
    const next = placed[rank + 1];
    const limit = next === undefined ? bottom : next - minGap;
    placed[rank] = Math.min(placed[rank] as number, limit);
  }
  const result = new Array<number>(ys.length);
  order.forEach((item, rank) => {
    result[item.index] = placed[rank] as number;
  });
  return result;
}

/**
 * The top of the scale: every bar and reference line fits, except a bar far above all the rest
 * (the high read under review), which is drawn broken at the top with its figure on it.
 */
export function chartTop(usage: readonly number[], references: readonly number[]): number {
  const all = [...usage, ...references];
  const highest = Math.max(1, ...all);
  const sorted = [...all].sort((a, b) => b - a);
  const next = Math.max(1, ...sorted.slice(1));
  if (highest > next * OUTLIER_FACTOR && usage.includes(highest)) return next * 1.6;
  return highest * 1.08;
}

export function UsageHistoryChart({ periods, references, caption }: { periods: readonly ChartPeriod[]; references: readonly ChartReference[]; caption: string }) {
  const usage = periods.map((point) => Math.max(0, toNumber(point.usageHcf)));
  const referenceValues = references.map((reference) => Math.max(0, toNumber(reference.valueHcf)));
  const top = chartTop(usage, referenceValues);
  const plotWidth = WIDTH - LEFT - (references.length > 0 ? LABEL_WIDTH : 0);
  const slot = plotWidth / Math.max(periods.length, 1);
  const plotBottom = HEIGHT - AXIS_HEIGHT;
  const plotHeight = plotBottom - TOP_GAP;
  const yOf = (value: number) => plotBottom - (value / top) * plotHeight;
  const labelYs = spreadLabels(referenceValues.map(yOf), 16, TOP_GAP - 6, plotBottom - 2);
  const summary = [
    ...periods.map((point, index) => `${periodLabel(point.period)}: ${usage[index]} HCF${point.current ? ' (under review)' : ''}${point.estimated ? ' (estimate)' : ''}`),
    ...references.map((reference) => `${reference.label}: ${reference.valueHcf} HCF`),
  ].join(', ');
  return (
    <figure className="usage-chart usage-history-chart">
      <figcaption>
        {caption}
        {periods.some((point) => point.estimated) && <span className="muted"> — pale bars are estimates</span>}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <line x1={LEFT} x2={LEFT + plotWidth} y1={plotBottom} y2={plotBottom} className="chart-axis" />
        {periods.map((point, index) => {
          const value = usage[index] ?? 0;
          const broken = value > top;
          const barHeight = (Math.min(value, top) / top) * plotHeight;
          const x = LEFT + index * slot + slot * 0.14;
          const y = plotBottom - barHeight;
          const classes = ['chart-bar', point.estimated ? 'chart-bar-estimated' : '', point.current ? 'chart-bar-current' : ''].filter(Boolean).join(' ');
          return (
            <g key={`${point.period}-${index}`} data-period={point.period} data-current={point.current || undefined}>
              <rect x={x} y={y} width={slot * 0.72} height={Math.max(barHeight, value > 0 ? 1 : 0)} className={classes} />
              {broken && (
                <path d={`M ${x - 2} ${y + 16} l ${slot * 0.38} -6 l ${slot * 0.38} 6`} className="chart-break" data-broken="true" />
              )}
              <text x={x + slot * 0.36} y={y - 5} className={point.current ? 'chart-value chart-value-current' : 'chart-value'}>
                {point.usageHcf}
              </text>
              <text x={x + slot * 0.36} y={HEIGHT - 20} className={point.current ? 'chart-label chart-label-current' : 'chart-label'}>
                {MONTH_NAMES[Number(point.period.slice(5, 7)) - 1] ?? point.period}
              </text>
              {(index === 0 || point.period.endsWith('-01')) && (
                <text x={x + slot * 0.36} y={HEIGHT - 4} className="chart-label chart-year">
                  {point.period.slice(0, 4)}
                </text>
              )}
            </g>
          );
        })}
        {references.map((reference, index) => {
          const y = yOf(referenceValues[index] ?? 0);
          const labelY = labelYs[index] ?? y;
          return (
            <g key={reference.key} className={`chart-reference chart-reference-${reference.key}`} data-reference={reference.key} data-value={reference.valueHcf}>
              <line x1={LEFT} x2={LEFT + plotWidth} y1={y} y2={y} />
              <line x1={LEFT + plotWidth} x2={LEFT + plotWidth + 6} y1={y} y2={labelY} className="chart-reference-leader" />
              <text x={LEFT + plotWidth + 8} y={labelY + 4}>
                {reference.label} {reference.valueHcf}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
