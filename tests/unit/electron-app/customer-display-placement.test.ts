import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseCustomerMonitor,
  findRemembered,
  inReadingOrder,
  monitorKey,
  monitorUnder,
  rememberMonitor,
  type Monitor,
} from '../../../electron/app/customer-display-placement';

const monitor = (id: number, x: number, width = 1920, height = 1080, label = ''): Monitor => ({ id, label, bounds: { x, y: 0, width, height } });

/** A row of 1–4 monitors side by side with distinct ids (as a desktop arranges them). */
const layout = fc
  .array(fc.record({ width: fc.integer({ min: 640, max: 3840 }), height: fc.integer({ min: 480, max: 2160 }), label: fc.constantFrom('', 'DELL P2419H', 'Built-in') }), {
    minLength: 1,
    maxLength: 4,
  })
  .chain((sizes) =>
    fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 32 }), { minLength: sizes.length, maxLength: sizes.length }).map((ids) => {
      let x = 0;
      return sizes.map((size, index) => {
        const placed = monitor(ids[index]!, x, size.width, size.height, size.label);
        x += size.width;
        return placed;
      });
    }),
  );

describe('customer display placement', () => {
  it('auto: the first monitor left to right that is not the till’s', () => {
    const layoutMonitors = [monitor(3, 1920), monitor(1, 0), monitor(2, 3840)];
    expect(chooseCustomerMonitor({ choice: 'auto', monitors: layoutMonitors, tillMonitorId: 1 })?.id).toBe(3);
    expect(chooseCustomerMonitor({ choice: 'auto', monitors: layoutMonitors, tillMonitorId: 3 })?.id).toBe(1);
  });

  it('never puts the customer window on the till’s monitor, whatever the layout and choice', () => {
    fc.assert(
      fc.property(layout, fc.nat(), fc.constantFrom<'auto' | 'off' | 'pick'>('auto', 'off', 'pick'), fc.nat(), (monitors, tillIndex, kind, pickIndex) => {
        const till = monitors[tillIndex % monitors.length]!;
        const picked = monitors[pickIndex % monitors.length]!;
        const choice = kind === 'pick' ? rememberMonitor(picked) : kind;
        const chosen = chooseCustomerMonitor({ choice, monitors, tillMonitorId: till.id });
        const pickExpected = picked.id === till.id ? null : picked.id;
        expect({
          notOnTill: chosen === null || chosen.id !== till.id,
          offHides: kind !== 'off' || chosen === null,
          // With one monitor the customer window is not shown over the till.
          singleHides: monitors.length > 1 || chosen === null,
          // Auto with two or more monitors always finds one; a pick that is not the till's is honoured.
          autoFinds: kind !== 'auto' || monitors.length === 1 || chosen !== null,
          pickHonoured: kind !== 'pick' || (chosen?.id ?? null) === pickExpected,
        }).toEqual({ notOnTill: true, offHides: true, singleHides: true, autoFinds: true, pickHonoured: true });
      }),
    );
  });

  it('finds a remembered monitor again after its id changed (a reboot), and after its resolution changed', () => {
    const customer = monitor(42, 1920, 1280, 800, 'ELO 15"');
    const remembered = rememberMonitor(customer);
    const afterReboot = [monitor(7, 0), { ...customer, id: 99 }];
    expect(findRemembered(remembered, afterReboot)?.id).toBe(99);
    const resized = [monitor(7, 0), monitor(42, 1920, 1024, 768, 'ELO 15"')];
    expect(findRemembered(remembered, resized)?.id).toBe(42);
    expect(findRemembered(remembered, [monitor(7, 0)])).toBeNull();
  });

  it('prefers the monitor matching both id and key when an id was reused by another monitor', () => {
    const customer = monitor(5, 1920, 1280, 800, 'ELO');
    const impostor = monitor(5, 3200, 1920, 1080, 'DELL');
    const moved = { ...customer, id: 6 };
    expect(findRemembered(rememberMonitor(customer), [impostor, moved])?.id).toBe(6);
    expect(findRemembered(rememberMonitor(customer), [impostor, customer])?.bounds.x).toBe(1920);
  });

  it('a remembered monitor that is unplugged gives no monitor (hidden), never another one', () => {
    const remembered = rememberMonitor(monitor(2, 1920));
    expect(chooseCustomerMonitor({ choice: remembered, monitors: [monitor(1, 0), monitor(3, -1920)], tillMonitorId: 1 })).toBeNull();
  });

  it('the fallback key holds the label and the bounds', () => {
    expect(monitorKey(monitor(1, -1280, 1280, 1024, 'Built-in'))).toBe('Built-in@-1280,0,1280x1024');
  });

  it('the till’s monitor is the one its window overlaps most, else the fallback', () => {
    const monitors = [monitor(1, 0), monitor(2, 1920)];
    expect(monitorUnder({ x: 1800, y: 100, width: 1024, height: 720 }, monitors, 1)).toBe(2);
    expect(monitorUnder({ x: 100, y: 100, width: 1024, height: 720 }, monitors, 2)).toBe(1);
    expect(monitorUnder({ x: 9000, y: 100, width: 1024, height: 720 }, monitors, 1)).toBe(1);
  });

  it('reading order is left to right, then top to bottom', () => {
    const below = { id: 9, label: '', bounds: { x: 0, y: 1080, width: 1920, height: 1080 } };
    expect(inReadingOrder([monitor(2, 1920), below, monitor(1, 0)]).map((m) => m.id)).toEqual([1, 9, 2]);
  });
});
