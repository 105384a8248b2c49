// The daily report's by-hour bar chart, laid out as plain numbers for an SVG.
import type { AmountCount } from '../../shared/manager-types';

export interface ChartBar {
  hour: number;
  x: number;
  y: number;
  width: number;
  height: number;
  amount: number;
  count: number;
}

export interface HourChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bars: ChartBar[];
  /** Gridlines: satang value and its y. */
  ticks: { value: number; y: number }[];
  max: number;
}

/** 1, 2, 5 × 10^n at or above `value`: round axis maxima in baht. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  const exponent = Math.floor(Math.log10(value));
  const base = 10 ** exponent;
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * base) return step * base;
  }
  return 10 * base;
}

export function layoutHourChart(
  byHour: readonly (AmountCount & { hour: number })[],
  size: { width: number; height: number } = { width: 720, height: 240 },
  tickCount = 4,
): HourChartLayout {
  const plot = { left: 76, top: 12, right: size.width - 8, bottom: size.height - 30 };
  const hours = Array.from({ length: 24 }, (_, hour) => byHour.find((row) => row.hour === hour) ?? { hour, count: 0, amount: 0 });
  const peak = Math.max(0, ...hours.map((row) => row.amount));
  // Axis in whole baht: satang → baht ceiling → nice → satang.
  const max = peak === 0 ? 0 : niceCeiling(Math.ceil(peak / 100)) * 100;
  const slot = (plot.right - plot.left) / 24;
  const barWidth = Math.max(2, slot * 0.7);
  const span = plot.bottom - plot.top;
  const bars = hours.map((row) => {
    const height = max === 0 ? 0 : Math.max(row.amount > 0 ? 2 : 0, (row.amount / max) * span);
    return {
      hour: row.hour,
      x: plot.left + row.hour * slot + (slot - barWidth) / 2,
      y: plot.bottom - height,
      width: barWidth,
      height,
      amount: row.amount,
      count: row.count,
    };
  });
  const ticks = max === 0 ? [{ value: 0, y: plot.bottom }] : Array.from({ length: tickCount + 1 }, (_, i) => ({ value: (max / tickCount) * i, y: plot.bottom - (span / tickCount) * i }));
  return { width: size.width, height: size.height, plot, bars, ticks, max };
}

/** The busiest hour (most paid), for the chart's caption; null on a day without sales. */
export function busiestHour(byHour: readonly (AmountCount & { hour: number })[]): number | null {
  let best: (AmountCount & { hour: number }) | null = null;
  for (const row of byHour) if (row.amount > 0 && (!best || row.amount > best.amount)) best = row;
  return best ? best.hour : null;
}
