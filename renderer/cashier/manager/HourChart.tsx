import type { AmountCount } from '../../../shared/manager-types';
import { busiestHour, layoutHourChart } from '../../state/hour-chart';
import type { T } from '../../ui/translator';

/** Paid sales by hour of the business day, drawn as SVG (no chart library, no inline styles). */
export function HourChart({ byHour, t, baht }: { byHour: (AmountCount & { hour: number })[]; t: T; baht: (satang: number) => string }) {
  const layout = layoutHourChart(byHour, { width: 760, height: 250 });
  const peak = busiestHour(byHour);
  const compact = (satang: number): string => baht(satang).replace(/\.00$/, '');
  return (
    <figure className="hour-chart" data-testid="hour-chart">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby="hour-chart-caption" className="hour-chart__svg">
        {layout.ticks.map((tick) => (
          <g key={tick.value} className="hour-chart__tick">
            <line x1={layout.plot.left} x2={layout.plot.right} y1={tick.y} y2={tick.y} />
            <text x={layout.plot.left - 8} y={tick.y + 4} textAnchor="end">
              {compact(tick.value)}
            </text>
          </g>
        ))}
        {layout.bars.map((bar) => (
          <g key={bar.hour}>
            {bar.height > 0 ? (
              <rect className={`hour-chart__bar${bar.hour === peak ? ' is-peak' : ''}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={3} data-hour={bar.hour}>
                <title>{`${String(bar.hour).padStart(2, '0')}:00 — ${baht(bar.amount)} (${t('report.salesCount', { count: bar.count })})`}</title>
              </rect>
            ) : null}
            {bar.hour % 2 === 0 ? (
              <text className="hour-chart__hour" x={bar.x + bar.width / 2} y={layout.plot.bottom + 18} textAnchor="middle">
                {String(bar.hour).padStart(2, '0')}
              </text>
            ) : null}
          </g>
        ))}
        <line className="hour-chart__axis" x1={layout.plot.left} x2={layout.plot.right} y1={layout.plot.bottom} y2={layout.plot.bottom} />
      </svg>
      <figcaption id="hour-chart-caption" className="hour-chart__caption">
        {peak === null ? t('report.chartEmpty') : t('report.chartCaption', { hour: `${String(peak).padStart(2, '0')}:00` })}
      </figcaption>
    </figure>
  );
}
