import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutHourChart, niceStep } from '../../../renderer/state/hour-chart';

const baht = (satang: number): string => `฿${new Intl.NumberFormat('en-GB').format(satang / 100)}`;

describe('the hour chart’s baht axis', () => {
  it('steps in round baht: 1, 2, 2.5 or 5 × 10ⁿ, never a fraction of a baht', () => {
    expect(niceStep(734, 4)).toBe(200);
    expect(niceStep(5_000, 4)).toBe(2_000);
    expect(niceStep(9_000, 4)).toBe(2_500);
    expect(niceStep(90, 4)).toBe(25);
    expect(niceStep(9, 4)).toBe(5);
    expect(niceStep(3, 4)).toBe(1);
    expect(niceStep(0, 4)).toBe(0);
  });

  it('labels every tick in baht and makes room on the left for the widest label', () => {
    const narrow = layoutHourChart([{ hour: 10, count: 1, amount: 4_000 }], { width: 600, height: 220, tickLabel: baht });
    const wide = layoutHourChart([{ hour: 10, count: 1, amount: 12_345_600 }], { width: 600, height: 220, tickLabel: baht });
    expect(narrow.ticks.map((tick) => tick.label)).toEqual(['฿0', '฿10', '฿20', '฿30', '฿40']);
    expect(wide.ticks.at(-1)!.label).toBe('฿150,000');
    expect(wide.plot.left).toBeGreaterThan(narrow.plot.left);
    expect(wide.plot.left).toBeGreaterThanOrEqual('฿150,000'.length * 8);
  });

  it('for any day: the axis covers the peak with at most 4 steps, ticks evenly spaced from the bottom up', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ hour: fc.integer({ min: 0, max: 23 }), count: fc.integer({ min: 1, max: 50 }), amount: fc.integer({ min: 1, max: 99_999_999 }) }), { minLength: 1, maxLength: 24 }), (rows) => {
        const layout = layoutHourChart(rows, { width: 700, height: 220 });
        const peak = Math.max(...rows.map((row) => row.amount));
        expect(layout.max).toBeGreaterThanOrEqual(peak);
        expect(layout.ticks.length - 1).toBeLessThanOrEqual(4);
        expect(layout.ticks[0]).toMatchObject({ value: 0, y: layout.plot.bottom });
        expect(layout.ticks.at(-1)!.y).toBeCloseTo(layout.plot.top);
        for (const bar of layout.bars) expect(bar.y).toBeGreaterThanOrEqual(layout.plot.top - 1e-9);
      }),
    );
  });

  it('orders the hours from the business day’s start hour: a bar open till 02:00 with a 04:00 start ends on its night', () => {
    const layout = layoutHourChart([{ hour: 1, count: 1, amount: 50_000 }, { hour: 18, count: 1, amount: 20_000 }], { width: 720, height: 220, startHour: 4 });
    expect(layout.bars.map((bar) => bar.hour)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 3]);
    const one = layout.bars.find((bar) => bar.hour === 1)!;
    const six = layout.bars.find((bar) => bar.hour === 18)!;
    expect(one.x).toBeGreaterThan(six.x);
  });

  it('labels every hour when there is room, every second or third when the chart is narrow', () => {
    expect(layoutHourChart([], { width: 300, height: 200 }).hourLabelEvery).toBe(3);
    expect(layoutHourChart([], { width: 420, height: 220 }).hourLabelEvery).toBe(2);
    expect(layoutHourChart([], { width: 720, height: 220 }).hourLabelEvery).toBe(1);
  });
});
