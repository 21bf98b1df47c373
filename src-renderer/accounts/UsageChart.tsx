import type { MeterReadRow } from '../../src-shared/contract/accounts';

const MONTHS_SHOWN = 13;
const WIDTH = 560;
const HEIGHT = 200;
const AXIS_HEIGHT = 28;
const TOP_GAP = 22;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthLabel(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${MONTH_NAMES[month - 1] ?? ''} ${isoDate.slice(2, 4)}`;
}

/**
 * Use per read over the last 13 reads, as bars: a year and the same month a year ago side by
 * side, which is what a clerk compares when a customer asks about a high bill. Plain SVG:
 * thirteen bars need no chart library.
 */
export function UsageChart({ reads }: { reads: readonly MeterReadRow[] }) {
  const recent = reads.slice(0, MONTHS_SHOWN).reverse();
  const usage = recent.map((read) => Math.max(0, Number(read.usageHcf) || 0));
  const top = Math.max(1, ...usage);
  const slot = WIDTH / MONTHS_SHOWN;
  const plotHeight = HEIGHT - AXIS_HEIGHT - TOP_GAP;
  const summary = recent.map((read, index) => `${monthLabel(read.readDate)}: ${usage[index]} HCF`).join(', ');
  return (
    <figure className="usage-chart">
      <figcaption>
        Use per read, last {recent.length} reads (HCF){recent.some((read) => read.estimated) && ' — pale bars are estimates'}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Use per read: ${summary}`}>
        <line x1={0} x2={WIDTH} y1={HEIGHT - AXIS_HEIGHT} y2={HEIGHT - AXIS_HEIGHT} className="chart-axis" />
        {recent.map((read, index) => {
          const value = usage[index] ?? 0;
          const barHeight = (value / top) * plotHeight;
          const x = index * slot + slot * 0.15;
          const y = HEIGHT - AXIS_HEIGHT - barHeight;
          return (
            <g key={`${read.readDate}-${index}`}>
              <rect x={x} y={y} width={slot * 0.7} height={barHeight} className={read.estimated ? 'chart-bar chart-bar-estimated' : 'chart-bar'} />
              <text x={x + slot * 0.35} y={y - 5} className="chart-value">
                {read.usageHcf}
              </text>
              <text x={x + slot * 0.35} y={HEIGHT - 8} className="chart-label">
                {monthLabel(read.readDate)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
