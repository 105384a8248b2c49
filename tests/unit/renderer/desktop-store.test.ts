import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDesktopStore, customerNowKey, desktopError, monitorTiles } from '../../../renderer/state/desktop-store';
import type { DesktopDisplay, DesktopInfo } from '../../../shared/setup';
import { createFakeTransport } from './fake-transport';

const display = (id: number, x: number, width = 1920, height = 1080, extra: Partial<DesktopDisplay> = {}): DesktopDisplay => ({
  id, label: '', x, y: 0, width, height, primary: id === 1, till: id === 1, ...extra,
});

const twoMonitors: DesktopInfo = {
  available: true,
  displays: [display(1, 0), display(2, 1920, 1280, 800)],
  customerDisplay: 'auto',
  customerDisplayNow: 2,
  kiosk: false,
};

function setup(info: DesktopInfo = twoMonitors) {
  const transport = createFakeTransport();
  transport.handle('desktop.info', () => ({ ok: true, value: info }));
  const store = createDesktopStore({ transport });
  return { transport, store };
}

describe('desktop store', () => {
  it('in a browser: loads an unavailable desktop (the section then says the display is a tab or a tablet)', async () => {
    const { store } = setup({ available: false, displays: [], customerDisplay: 'auto', customerDisplayNow: null, kiosk: false });
    await store.getState().load();
    expect(store.getState().info?.available).toBe(false);
    expect(store.getState().error).toBeNull();
  });

  it('a chosen monitor goes to the core and its answer is shown; the same choice again asks nothing', async () => {
    const { transport, store } = setup();
    transport.handle('desktop.setCustomerDisplay', (input) => ({ ok: true, value: { ...twoMonitors, customerDisplay: input.display, customerDisplayNow: input.display === 'off' ? null : 2 } }));
    await store.getState().load();
    await store.getState().chooseDisplay('off');
    expect(store.getState().info).toMatchObject({ customerDisplay: 'off', customerDisplayNow: null });
    await store.getState().chooseDisplay('off');
    expect(transport.callsOf('desktop.setCustomerDisplay')).toEqual([{ display: 'off' }]);
  });

  it('shows a closed customer window again by sending the current choice once more; with the display off there is nothing to show', async () => {
    const closed: DesktopInfo = { ...twoMonitors, customerDisplayNow: null, customerDisplayClosed: true };
    const { transport, store } = setup(closed);
    transport.handle('desktop.setCustomerDisplay', (input) => ({ ok: true, value: { ...twoMonitors, customerDisplay: input.display, customerDisplayClosed: false } }));
    await store.getState().load();
    await store.getState().showCustomerDisplayAgain();
    expect(transport.callsOf('desktop.setCustomerDisplay')).toEqual([{ display: 'auto' }]);
    expect(store.getState().info).toMatchObject({ customerDisplayNow: 2, customerDisplayClosed: false });
    store.getState().onEvent({ type: 'desktop.updated', data: { ...closed, customerDisplay: 'off' } });
    await store.getState().showCustomerDisplayAgain();
    expect(transport.callsOf('desktop.setCustomerDisplay')).toHaveLength(1);
  });

  it('one change at a time: a second tap while saving is ignored', async () => {
    const { transport, store } = setup();
    let answer: (() => void) | null = null;
    transport.handle('desktop.setKiosk', (input) => new Promise((resolve) => (answer = () => resolve({ ok: true, value: { ...twoMonitors, kiosk: input.kiosk } }))));
    await store.getState().load();
    const first = store.getState().setKiosk(true);
    expect(store.getState().saving).toBe('kiosk');
    await store.getState().chooseDisplay(2);
    answer!();
    await first;
    expect(transport.calls.map((call) => call.op)).toEqual(['desktop.info', 'desktop.setKiosk']);
    expect(store.getState()).toMatchObject({ saving: null, info: { kiosk: true } });
  });

  it.each([
    [{ code: 'conflict', field: 'display', message: 'That monitor shows the till' }, 'desktop.error.tillMonitor'],
    [{ code: 'not_found', field: 'display', message: 'No monitor 9' }, 'desktop.error.notPlugged'],
    [{ code: 'conflict', field: 'desktop', message: 'desktop app only' }, 'desktop.error.browser'],
    [{ code: 'forbidden', message: 'managers only' }, 'manager.error.forbidden'],
  ] as const)('a refusal %o is worded as %s, and the choice shown stays as it was', async (error, key) => {
    const { transport, store } = setup();
    transport.handle('desktop.setCustomerDisplay', () => ({ ok: false, error }));
    await store.getState().load();
    await store.getState().chooseDisplay(1);
    expect(store.getState().error?.key).toBe(key);
    expect(store.getState().info?.customerDisplay).toBe('auto');
    expect(desktopError(error).key).toBe(key);
  });

  it('follows desktop.updated (a monitor unplugged, another manager’s choice) and nothing else', async () => {
    const { store } = setup();
    await store.getState().load();
    const unplugged: DesktopInfo = { ...twoMonitors, displays: [display(1, 0)], customerDisplayNow: null };
    store.getState().onEvent({ type: 'desktop.updated', data: unplugged });
    expect(store.getState().info).toEqual(unplugged);
    store.getState().onEvent({ type: 'setup.updated', data: {} as never });
    expect(store.getState().info).toEqual(unplugged);
  });
});

describe('the monitors as a picture', () => {
  it('draws the monitors to scale, side by side, centred in the box', () => {
    const tiles = monitorTiles([display(1, 0, 1920, 1080), display(2, 1920, 1920, 1080)], 4);
    // 3840 × 1080 into a 4:1 box: height-bound, so full height and centred across.
    expect(tiles.map((tile) => [tile.number, tile.top, tile.height])).toEqual([
      [1, 0, 100],
      [2, 0, 100],
    ]);
    expect(tiles[0]!.width).toBeCloseTo(tiles[1]!.width);
    expect(tiles[0]!.left + tiles[0]!.width).toBeCloseTo(tiles[1]!.left);
    expect(tiles[0]!.left).toBeCloseTo(100 - (tiles[1]!.left + tiles[1]!.width));
  });

  it('keeps every monitor inside the box, with its proportions, whatever the layout', () => {
    const layouts = fc.array(
      fc.record({ x: fc.integer({ min: -4000, max: 4000 }), y: fc.integer({ min: -2000, max: 2000 }), width: fc.integer({ min: 640, max: 3840 }), height: fc.integer({ min: 480, max: 2160 }) }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(layouts, fc.double({ min: 1, max: 5, noNaN: true }), (rects, aspect) => {
        const tiles = monitorTiles(rects.map((rect, index) => ({ ...display(index + 1, rect.x), ...rect })), aspect);
        const inside = tiles.every((tile) => tile.left >= -1e-9 && tile.top >= -1e-9 && tile.left + tile.width <= 100 + 1e-9 && tile.top + tile.height <= 100 + 1e-9);
        // Drawn width / height in the box's units equals the monitor's width / height.
        const proportional = tiles.every((tile) => Math.abs((tile.width * aspect) / tile.height - tile.display.width / tile.display.height) < 1e-6);
        expect({ inside, proportional }).toEqual({ inside: true, proportional: true });
      }),
    );
  });

  it('no monitors (a browser): no picture', () => {
    expect(monitorTiles([], 3)).toEqual([]);
  });
});

describe('the sentence under the picture', () => {
  it.each([
    [{}, 'desktop.now.shown'],
    [{ customerDisplay: 'off', customerDisplayNow: null }, 'desktop.now.off'],
    [{ displays: [display(1, 0)], customerDisplayNow: null }, 'desktop.now.single'],
    [{ customerDisplay: 3, customerDisplayNow: null }, 'desktop.now.missing'],
    [{ customerDisplayNow: null }, 'desktop.now.hidden'],
    [{ customerDisplayNow: null, customerDisplayClosed: true }, 'desktop.now.closed'],
    // Unplugged comes first: plugging it back is what brings the display back then.
    [{ customerDisplay: 3, customerDisplayNow: null, customerDisplayClosed: true }, 'desktop.now.missing'],
  ] as const)('%o → %s', (patch, key) => {
    expect(customerNowKey({ ...twoMonitors, ...patch } as DesktopInfo)).toBe(key);
  });
});
