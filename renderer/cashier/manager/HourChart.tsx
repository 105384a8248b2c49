import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { AmountCount } from '../../../shared/manager-types';
import { busiestHour, layoutHourChart } from '../../state/hour-chart';
import type { T } from '../../ui/translator';

const HEIGHT = 220;

/** The width the chart really has, so it is drawn at 1:1 and its labels keep their size. */
function useWidth(initial: number): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(initial);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (): void => setWidth(Math.max(240, Math.floor(element.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

const hh = (hour: number): string => String(hour).padStart(2, '0');

/** Paid sales by hour of the business day, drawn as SVG (no chart library, no inline styles). */
export function HourChart({ byHour, startHour, t, baht }: { byHour: (AmountCount & { hour: number })[]; startHour: number; t: T; baht: (satang: number) => string }) {
  const [ref, width] = useWidth(640);
  const compact = (satang: number): string => baht(satang).replace(/\.00$/, '');
  const layout = layoutHourChart(byHour, { width, height: HEIGHT, startHour, tickLabel: compact });
  const peak = busiestHour(byHour);
  return (
    <figure className="hour-chart" data-testid="hour-chart">
      <div ref={ref} className="hour-chart__frame">
        <svg width={layout.width} height={layout.height} role="img" aria-labelledby="hour-chart-caption" className="hour-chart__svg" data-start-hour={startHour}>
          <text className="hour-chart__axis-title" x={4} y={12}>
            {t('report.chartAxis')}
          </text>
          {layout.ticks.map((tick) => (
            <g key={tick.value} className="hour-chart__tick" data-testid="hour-chart-tick" data-value={tick.value}>
              <line x1={layout.plot.left} x2={layout.plot.right} y1={tick.y} y2={tick.y} />
              <text x={layout.plot.left - 6} y={tick.y + 4} textAnchor="end">
                {tick.label}
              </text>
            </g>
          ))}
          {layout.bars.map((bar, index) => (
            <g key={bar.hour}>
              {bar.height > 0 ? (
                <rect className={`hour-chart__bar${bar.hour === peak ? ' is-peak' : ''}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={3} data-hour={bar.hour}>
                  <title>{`${hh(bar.hour)}:00 — ${baht(bar.amount)} (${t('report.salesCount', { count: bar.count })})`}</title>
                </rect>
              ) : null}
              {index % layout.hourLabelEvery === 0 ? (
                <text className="hour-chart__hour" data-testid="hour-chart-hour" x={bar.x + bar.width / 2} y={layout.plot.bottom + 18} textAnchor="middle">
                  {hh(bar.hour)}
                </text>
              ) : null}
            </g>
          ))}
          <line className="hour-chart__axis" x1={layout.plot.left} x2={layout.plot.left} y1={layout.plot.top} y2={layout.plot.bottom} />
          <line className="hour-chart__axis" x1={layout.plot.left} x2={layout.plot.right} y1={layout.plot.bottom} y2={layout.plot.bottom} />
        </svg>
      </div>
      <figcaption id="hour-chart-caption" className="hour-chart__caption">
        {peak === null ? t('report.chartEmpty') : t('report.chartCaption', { hour: `${hh(peak)}:00` })}
        {startHour !== 0 ? ` · ${t('report.chartDayStarts', { hour: `${hh(startHour)}:00` })}` : ''}
      </figcaption>
    </figure>
  );
}
