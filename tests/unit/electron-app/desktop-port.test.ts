import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';
import type { DesktopInfo } from '../../../shared/setup';

vi.mock('electron', () => import('../../fakes/electron'));

const { createDesktopPort } = await import('../../../electron/app/desktop-port');
const { createCashierWindow, createCustomerWindow } = await import('../../../electron/app/windows');
const { createWindowStateStore } = await import('../../../electron/app/window-state');

const PRELOAD = '/app/dist-electron/preload.cjs';
let userData: string;
let ports: Array<{ close(): void }>;

beforeEach(() => {
  fake.resetFakeElectron();
  userData = mkdtempSync(path.join(os.tmpdir(), 'chamra-desktop-port-'));
  ports = [];
});
afterEach(() => {
  for (const port of ports) port.close();
  rmSync(userData, { recursive: true, force: true });
});

/** The app starting: a port over userData, the two windows, the customer page ready. */
function start() {
  const log: string[] = [];
  const port = createDesktopPort({ store: createWindowStateStore(userData), log: (line) => log.push(line) });
  ports.push(port);
  const events: DesktopInfo[] = [];
  port.onChange((info) => events.push(info));
  const cashier = createCashierWindow(PRELOAD, { kiosk: port.kioskAtStart() }) as unknown as fake.BrowserWindow;
  const customer = createCustomerWindow(PRELOAD) as unknown as fake.BrowserWindow;
  port.attach({ cashier: cashier as never, customer: customer as never });
  customer.emit('ready-to-show');
  return { port, cashier, customer, events, log };
}

describe('desktop port', () => {
  it('puts the customer window full screen on the monitor that is not the till’s, without taking the focus', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920, 1280, 800)];
    const { port, customer } = start();
    expect(customer.visible).toBe(true);
    expect(customer.focused).toBe(false);
    expect(customer.fullscreen).toBe(true);
    expect(customer.bounds).toEqual({ x: 1920, y: 0, width: 1280, height: 800 });
    expect(port.info()).toMatchObject({
      available: true,
      customerDisplay: 'auto',
      customerDisplayNow: 2,
      kiosk: false,
      displays: [
        { id: 1, x: 0, y: 0, width: 1920, height: 1080, primary: true, till: true },
        { id: 2, x: 1920, y: 0, width: 1280, height: 800, primary: false, till: false },
      ],
    });
  });

  it('with one monitor the customer window is not shown over the till, and says so', () => {
    const { port, customer } = start();
    expect(customer.visible).toBe(false);
    expect(port.info().customerDisplayNow).toBeNull();
    expect(port.info().displays).toEqual([{ id: 1, label: '', x: 0, y: 0, width: 1920, height: 1080, primary: true, till: true }]);
  });

  it('unplugged: hidden (not moved over the till); plugged back: returns to its monitor; each change is told', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920)];
    const { customer, events } = start();
    events.length = 0;
    fake.screen.unplug(2);
    expect(customer.visible).toBe(false);
    expect(customer.bounds.x).toBe(1920);
    expect(events.at(-1)).toMatchObject({ customerDisplayNow: null, displays: [{ id: 1 }] });
    fake.screen.plug(fake.makeDisplay(2, 1920));
    expect(customer.visible).toBe(true);
    expect(customer.fullscreen).toBe(true);
    expect(customer.bounds.x).toBe(1920);
    expect(events.at(-1)).toMatchObject({ customerDisplayNow: 2 });
    expect(events).toHaveLength(2);
  });

  it('follows a change of the monitor’s resolution', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920)];
    const { customer, events } = start();
    fake.screen.changeMetrics(fake.makeDisplay(2, 1920, 1280, 1024));
    expect(customer.bounds).toEqual({ x: 1920, y: 0, width: 1280, height: 1024 });
    expect(events.at(-1)?.displays[1]).toMatchObject({ width: 1280, height: 1024 });
  });

  it('remembers the chosen monitor across a restart, even when its id changed', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920), fake.makeDisplay(3, 3840, 1024, 768, 'ELO')];
    const first = start();
    expect(first.customer.bounds.x).toBe(1920);
    expect(first.port.setCustomerDisplay(3)).toMatchObject({ customerDisplay: 3, customerDisplayNow: 3 });
    expect(first.customer.bounds).toEqual({ x: 3840, y: 0, width: 1024, height: 768 });
    first.port.close();

    // The next morning the OS numbers the monitors differently.
    fake.resetFakeElectron();
    fake.screen.displays = [fake.makeDisplay(11, 0), fake.makeDisplay(12, 1920), fake.makeDisplay(13, 3840, 1024, 768, 'ELO')];
    const second = start();
    expect(second.customer.bounds).toEqual({ x: 3840, y: 0, width: 1024, height: 768 });
    expect(second.port.info()).toMatchObject({ customerDisplay: 13, customerDisplayNow: 13 });
  });

  it('a chosen monitor that is unplugged keeps the window hidden, even with another monitor free', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920), fake.makeDisplay(3, 3840)];
    const { port, customer } = start();
    port.setCustomerDisplay(3);
    fake.screen.unplug(3);
    expect(customer.visible).toBe(false);
    expect(port.info()).toMatchObject({ customerDisplay: 3, customerDisplayNow: null });
    fake.screen.plug(fake.makeDisplay(3, 3840));
    expect(customer.visible).toBe(true);
    expect(customer.bounds.x).toBe(3840);
  });

  it('off hides the customer window; auto brings it back', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920)];
    const { port, customer } = start();
    expect(port.setCustomerDisplay('off')).toMatchObject({ customerDisplay: 'off', customerDisplayNow: null });
    expect(customer.visible).toBe(false);
    expect(port.setCustomerDisplay('auto')).toMatchObject({ customerDisplay: 'auto', customerDisplayNow: 2 });
    expect(customer.visible).toBe(true);
  });

  it('refuses the till’s own monitor and a monitor not plugged in, changing nothing', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920)];
    const { port, customer } = start();
    port.setCustomerDisplay('auto');
    const saved = readFileSync(path.join(userData, 'window-state.json'), 'utf8');
    expect(() => port.setCustomerDisplay(1)).toThrow(expect.objectContaining({ code: 'conflict', field: 'display' }));
    expect(() => port.setCustomerDisplay(77)).toThrow(expect.objectContaining({ code: 'not_found', field: 'display' }));
    expect(readFileSync(path.join(userData, 'window-state.json'), 'utf8')).toBe(saved);
    expect(customer.bounds.x).toBe(1920);
    expect(port.info().customerDisplay).toBe('auto');
  });

  it('the customer window moves away when the till is dragged onto its monitor', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920), fake.makeDisplay(3, 3840)];
    const { port, cashier, customer } = start();
    expect(customer.bounds.x).toBe(1920);
    cashier.setBounds({ x: 2000, y: 50 });
    cashier.emit('moved');
    expect(customer.bounds.x).toBe(0);
    expect(port.info().displays.find((display) => display.till)?.id).toBe(2);
  });

  it('kiosk: the cashier window goes kiosk without a menu bar, refuses to close, and starts in kiosk after a restart', () => {
    const { port, cashier, events } = start();
    expect(port.setKiosk(true).kiosk).toBe(true);
    expect(cashier.kiosk).toBe(true);
    expect(cashier.menuBarVisible).toBe(false);
    expect(events.at(-1)?.kiosk).toBe(true);
    cashier.close();
    expect(cashier.isDestroyed()).toBe(false);
    port.close();

    fake.resetFakeElectron();
    const again = start();
    expect(again.port.kioskAtStart()).toBe(true);
    expect(again.cashier.kiosk).toBe(true);
    expect(again.port.setKiosk(false).kiosk).toBe(false);
    expect(again.cashier.kiosk).toBe(false);
    expect(again.cashier.menuBarVisible).toBe(true);
    again.cashier.close();
    expect(again.cashier.isDestroyed()).toBe(true);
  });

  it('stops following the screens once closed', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920)];
    const { port, customer, events } = start();
    port.close();
    const told = events.length;
    fake.screen.unplug(2);
    expect(customer.visible).toBe(true);
    expect(events).toHaveLength(told);
  });

  it('a customer window someone closes is only hidden, says so, and stays hidden until a manager shows it again', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920)];
    const { port, customer, events, log } = start();
    customer.close();
    expect(customer.isDestroyed()).toBe(false);
    expect(customer.visible).toBe(false);
    expect(port.info()).toMatchObject({ customerDisplay: 'auto', customerDisplayNow: null, customerDisplayClosed: true });
    expect(events.at(-1)).toMatchObject({ customerDisplayNow: null, customerDisplayClosed: true });
    expect(log.at(-1)).toMatch(/customer display closed on this computer/);
    // A monitor changing its resolution is no reason to bring it back.
    fake.screen.changeMetrics(fake.makeDisplay(2, 1920, 1280, 1024));
    expect(customer.visible).toBe(false);
    // The manager presses Show again: the same choice, sent again.
    expect(port.setCustomerDisplay('auto')).toMatchObject({ customerDisplayNow: 2, customerDisplayClosed: false });
    expect(customer.visible).toBe(true);
    expect(customer.fullscreen).toBe(true);
    expect(customer.bounds).toEqual({ x: 1920, y: 0, width: 1280, height: 1024 });
  });

  it('a closed customer window comes back by itself when a monitor is plugged in', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920)];
    const { port, customer, events } = start();
    customer.close();
    fake.screen.plug(fake.makeDisplay(3, 3840, 1280, 800));
    expect(customer.visible).toBe(true);
    expect(customer.bounds.x).toBe(1920);
    expect(port.info()).toMatchObject({ customerDisplayNow: 2, customerDisplayClosed: false });
    expect(events.at(-1)).toMatchObject({ customerDisplayNow: 2, customerDisplayClosed: false });
  });

  it('a closed customer window with the display turned off is nothing to show again', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920)];
    const { port, customer } = start();
    customer.close();
    expect(port.setCustomerDisplay('off')).toMatchObject({ customerDisplayNow: null, customerDisplayClosed: false });
    expect(customer.visible).toBe(false);
  });

  it('lets both windows close for real once the shell shuts down (a quit, or an update installing)', () => {
    fake.screen.displays = [fake.makeDisplay(1, 0), fake.makeDisplay(2, 1920)];
    const { port, cashier, customer } = start();
    port.setKiosk(true);
    port.close();
    customer.close();
    cashier.close();
    expect(customer.isDestroyed()).toBe(true);
    expect(cashier.isDestroyed()).toBe(true);
  });
});
