// The daily report's by-hour bar chart, laid out as plain numbers for an SVG drawn at its real pixel
// size (so its text stays readable on a 1024×600 till instead of shrinking with a viewBox).
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
  /** 24 bars in the business day's order: from its start hour round to the hour before it. */
  bars: ChartBar[];
  /** Gridlines of the baht axis: satang value, its label and its y. */
  ticks: { value: number; label: string; y: number }[];
  /** Which bars get an hour label under them (every hour, 2nd or 3rd, as the width allows). */
  hourLabelEvery: number;
  max: number;
}

export interface HourChartOptions {
  width: number;
  height: number;
  /** The business day's start hour: the first bar. */
  startHour?: number;
  /** How a tick's satang value is written on the axis. */
  tickLabel?: (satang: number) => string;
  /** Most gridlines above zero. */
  maxTicks?: number;
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

/** A round step in whole baht (1, 2, 2.5 or 5 × 10^n, never under ฿1) so that at most `maxTicks` steps reach `peakBaht`. */
export function niceStep(peakBaht: number, maxTicks: number): number {
  if (peakBaht <= 0) return 0;
  const step = niceCeiling(peakBaht / maxTicks);
  // 2.5 only from 10 up, so a tick is never half a baht.
  const whole = step < 10 && step % 1 !== 0 ? 5 * 10 ** Math.floor(Math.log10(step)) : step;
  return Math.max(1, whole);
}

/** Average width of a digit at the chart's 13px font, for the left margin the labels need. */
const CHAR_WIDTH = 8;

export function layoutHourChart(byHour: readonly (AmountCount & { hour: number })[], options: HourChartOptions = { width: 720, height: 240 }): HourChartLayout {
  const { width, height, startHour = 0, tickLabel = (satang: number) => String(satang / 100), maxTicks = 4 } = options;
  const peak = Math.max(0, ...byHour.map((row) => row.amount));
  // Axis in whole baht: satang → baht → a round step → satang.
  const stepBaht = niceStep(Math.ceil(peak / 100), maxTicks);
  const steps = stepBaht === 0 ? 0 : Math.ceil(peak / 100 / stepBaht);
  const max = steps * stepBaht * 100;
  const values = Array.from({ length: steps + 1 }, (_, i) => i * stepBaht * 100);
  const labels = values.map(tickLabel);
  const widest = Math.max(...labels.map((label) => label.length));
  // Room above for the axis title, below for the hours.
  const plot = { left: widest * CHAR_WIDTH + 14, top: 30, right: width - 8, bottom: height - 26 };
  const span = plot.bottom - plot.top;
  const slot = (plot.right - plot.left) / 24;
  const barWidth = Math.max(2, slot * 0.7);
  const bars = Array.from({ length: 24 }, (_, index) => {
    const hour = (startHour + index) % 24;
    const row = byHour.find((entry) => entry.hour === hour) ?? { hour, count: 0, amount: 0 };
    const barHeight = max === 0 ? 0 : Math.max(row.amount > 0 ? 2 : 0, (row.amount / max) * span);
    return { hour, x: plot.left + index * slot + (slot - barWidth) / 2, y: plot.bottom - barHeight, width: barWidth, height: barHeight, amount: row.amount, count: row.count };
  });
  const ticks = values.map((value, i) => ({ value, label: labels[i], y: max === 0 ? plot.bottom : plot.bottom - (value / max) * span }));
  // "00" is about 18px wide: leave a gap between labels.
  const hourLabelEvery = slot >= 24 ? 1 : slot >= 13 ? 2 : 3;
  return { width, height, plot, bars, ticks, hourLabelEvery, max };
}

/** The busiest hour (most paid), for the chart's caption; null on a day without sales. */
export function busiestHour(byHour: readonly (AmountCount & { hour: number })[]): number | null {
  let best: (AmountCount & { hour: number }) | null = null;
  for (const row of byHour) if (row.amount > 0 && (!best || row.amount > best.amount)) best = row;
  return best ? best.hour : null;
}
