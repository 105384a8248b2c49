// A fake of the parts of 'electron' the shell uses, recording every call so tests can assert on it.
// Wire it with `vi.mock('electron', () => import('../../fakes/electron'))`; call resetFakeElectron()
// in beforeEach. Behaviour is real where it is cheap (events, IPC routing, reversible "encryption").
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';

let nextWebContentsId = 1;

/** What Electron passes to will-navigate and friends: a URL and preventDefault(). */
export class FakeNavigationEvent {
  defaultPrevented = false;
  constructor(readonly url: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebFrame {
  constructor(public url: string) {}
}

/** A printer as getPrintersAsync() describes it (the fields the shell reads). */
export interface FakePrinter {
  name: string;
  displayName: string;
  description: string;
  options: Record<string, string>;
  /** Older Electron reported these; today's PrinterInfo has neither (the shell must not rely on them). */
  status?: number;
  isDefault?: boolean;
}

/** The machine's printers and how the next print goes; resetFakeElectron() puts them back. */
export const printing = {
  printers: [] as FakePrinter[],
  /** What webContents.print's callback is given: success, or the failure reason Chromium reports. */
  result: { success: true, failureReason: '' },
  /** What document.documentElement.scrollHeight says in a loaded page (px). */
  scrollHeight: 600,
};

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  /** Every print job: its options and the page that was showing. */
  readonly printJobs: Array<{ options: Record<string, unknown>; url: string }> = [];
  readonly executed: string[] = [];
  print(options: Record<string, unknown>, callback?: (success: boolean, failureReason: string) => void): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.printJobs.push({ options, url: this.mainFrame.url });
    const { success, failureReason } = printing.result;
    queueMicrotask(() => callback?.(success, failureReason));
  }
  async getPrintersAsync(): Promise<FakePrinter[]> {
    return structuredClone(printing.printers);
  }
  /** Answers the one question the shell asks a page: how tall it is. */
  async executeJavaScript(code: string): Promise<unknown> {
    this.executed.push(code);
    if (code.includes('scrollHeight')) return printing.scrollHeight;
    throw new Error(`the fake runs no script: ${code}`);
  }
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly mainFrame = new FakeWebFrame('');
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  private destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** How many times the page was reloaded (crash recovery). */
  reloads = 0;
  reload(): void {
    this.reloads += 1;
  }
  /** Like Electron: kills the renderer, which then reports itself gone (reason 'killed'). */
  forcefullyCrashRenderer(): void {
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }
  /** Test helper: the renderer process ends for `reason` ('crashed', 'oom', 'clean-exit'…). */
  processGone(reason: string, exitCode = 1): void {
    this.emit('render-process-gone', {}, { reason, exitCode });
  }
  /** Test helper: a key pressed in the page; reports whether the shell kept it from the page and the menu. */
  pressKey(input: { key: string; control?: boolean; meta?: boolean; alt?: boolean; shift?: boolean }): boolean {
    const event = new FakeNavigationEvent('');
    this.emit('before-input-event', event, { type: 'keyDown', control: false, meta: false, alt: false, shift: false, ...input });
    return event.defaultPrevented;
  }
  /** Test helper: emits a navigation-style event and reports whether it was blocked. */
  attempt(eventName: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url: string): boolean {
    const event = new FakeNavigationEvent(url);
    this.emit(eventName, event, url);
    return event.defaultPrevented;
  }
}

export type FakeWindowOptions = {
  webPreferences?: Record<string, unknown>;
  fullscreen?: boolean;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  [key: string]: unknown;
};

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((window) => !window.destroyed);
  }
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  visible = false;
  focused = false;
  minimized = false;
  fullscreen: boolean;
  kiosk: boolean;
  menuBarVisible = true;
  bounds: { x: number; y: number; width: number; height: number };
  private destroyed = false;
  constructor(readonly options: FakeWindowOptions = {}) {
    super();
    this.fullscreen = Boolean(options.fullscreen);
    this.kiosk = Boolean(options.kiosk);
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    BrowserWindow.instances.push(this);
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<{ x: number; y: number; width: number; height: number }>): void {
    this.bounds = { ...this.bounds, ...bounds };
  }
  isFullScreen(): boolean {
    return this.fullscreen;
  }
  /** Like Electron on Windows/Linux: kiosk is full screen without leaving it. */
  setKiosk(flag: boolean): void {
    this.kiosk = flag;
    this.fullscreen = flag;
  }
  isKiosk(): boolean {
    return this.kiosk;
  }
  setMenuBarVisibility(visible: boolean): void {
    this.menuBarVisible = visible;
  }
  isMenuBarVisible(): boolean {
    return this.menuBarVisible;
  }
  isVisible(): boolean {
    return this.visible;
  }
  /** Shown without taking the focus (the customer window must not take the keyboard from the till). */
  showInactive(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  setFullScreen(flag: boolean): void {
    this.fullscreen = flag;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron's destroy(): gone at once, no 'close' event to prevent (but 'closed' is emitted). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }
  /** Like closing the window (close button, Alt+F4): 'close' may be prevented; else destroyed and 'closed'. */
  close(): void {
    if (this.destroyed) return;
    const event = new FakeNavigationEvent('');
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
}

class FakeApp extends EventEmitter {
  singleInstanceLock = true;
  isPackaged = false;
  readonly calls: string[] = [];
  exitCode: number | null = null;
  /** How many times a quit went through (before-quit not prevented). */
  quitCount = 0;
  userDataDir = path.join(os.tmpdir(), 'chamra-fake-electron-userdata');
  appPath = path.join(os.tmpdir(), 'chamra-fake-electron-app');
  ready = false;
  private readyResolve: () => void = () => undefined;
  private readyPromise: Promise<void> = Promise.resolve();

  reset(): void {
    this.removeAllListeners();
    this.singleInstanceLock = true;
    this.isPackaged = false;
    this.calls.length = 0;
    this.exitCode = null;
    this.quitCount = 0;
    this.userDataDir = path.join(os.tmpdir(), 'chamra-fake-electron-userdata');
    this.appPath = path.join(os.tmpdir(), 'chamra-fake-electron-app');
    this.ready = false;
    this.readyPromise = new Promise((resolve) => (this.readyResolve = resolve));
  }
  /** Test helper: Electron finished initialising. */
  becomeReady(): void {
    this.ready = true;
    this.readyResolve();
    this.emit('ready');
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.singleInstanceLock;
  }
  /** Like Electron: emits a cancellable before-quit; if nobody prevents it, the app quits. */
  quit(): void {
    this.calls.push('quit');
    const event = new FakeNavigationEvent('');
    this.emit('before-quit', event);
    if (!event.defaultPrevented) {
      this.quitCount += 1;
      this.emit('quit');
    }
  }
  exit(code = 0): void {
    this.calls.push(`exit:${code}`);
    this.exitCode = code;
  }
  /** Like Electron: a new instance starts (with this process's environment) once this one exits. */
  relaunch(): void {
    this.calls.push('relaunch');
  }
  getPath(name: string): string {
    if (name === 'userData') return this.userDataDir;
    return path.join(os.tmpdir(), `chamra-fake-electron-${name}`);
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
}

export const app = new FakeApp();
app.reset();

export type FakeInvokeEvent = { sender: { id: number }; senderFrame: { url: string } | null };
type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
  /** Test helper: what ipcRenderer.invoke would do from `event`'s sender. */
  async invoke(channel: string, event: FakeInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  },
};

type RendererListener = (event: unknown, ...args: unknown[]) => void;

export const ipcRenderer = {
  invocations: [] as Array<{ channel: string; args: unknown[] }>,
  listeners: new Map<string, Set<RendererListener>>(),
  reply: (channel: string, ...args: unknown[]): unknown => ({ ok: true, value: { channel, args } }),
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return this.reply(channel, ...args);
  },
  on(channel: string, listener: RendererListener) {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  },
  removeListener(channel: string, listener: RendererListener) {
    this.listeners.get(channel)?.delete(listener);
    return this;
  },
  /** Test helper: main → renderer message. The first argument mimics IpcRendererEvent (with sender). */
  emitFromMain(channel: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: ipcRenderer }, ...args);
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    this.exposed.set(key, api);
  },
};

const FAKE_CIPHER_PREFIX = Buffer.from('fake-os-crypt:');
export const safeStorage = {
  available: true,
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  /** Reversible but not plaintext: prefix + bytes XOR 0x5a, so tests can tell the file is not clear text. */
  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    const bytes = Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a);
    return Buffer.concat([FAKE_CIPHER_PREFIX, bytes]);
  },
  decryptString(encrypted: Buffer): string {
    if (!this.available) throw new Error('Decryption is not available.');
    if (!encrypted.subarray(0, FAKE_CIPHER_PREFIX.length).equals(FAKE_CIPHER_PREFIX)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(FAKE_CIPHER_PREFIX.length).map((byte) => byte ^ 0x5a)).toString('utf8');
  },
};

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
export const protocol = {
  privilegedSchemes: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    if (app.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`);
    this.handlers.set(scheme, handler);
  },
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  },
};

export interface FakeDisplay {
  id: number;
  label: string;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
}

export function makeDisplay(id: number, x: number, width = 1920, height = 1080, label = ''): FakeDisplay {
  return { id, label, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } };
}

export const screen = Object.assign(new EventEmitter(), {
  displays: [makeDisplay(1, 0)] as FakeDisplay[],
  /** The primary display's id (the first display when unset or unplugged). */
  primaryId: null as number | null,
  getAllDisplays(): FakeDisplay[] {
    return screen.displays.map((display) => structuredClone(display));
  },
  getPrimaryDisplay(): FakeDisplay {
    return structuredClone(screen.displays.find((display) => display.id === screen.primaryId) ?? screen.displays[0]!);
  },
  /** Test helper: a monitor plugged in (Electron emits 'display-added' with the new display). */
  plug(display: FakeDisplay): void {
    screen.displays = [...screen.displays, display];
    screen.emit('display-added', {}, structuredClone(display));
  },
  /** Test helper: a monitor unplugged. */
  unplug(id: number): void {
    const gone = screen.displays.find((display) => display.id === id);
    if (!gone) throw new Error(`no display ${id} to unplug`);
    screen.displays = screen.displays.filter((display) => display.id !== id);
    screen.emit('display-removed', {}, structuredClone(gone));
  },
  /** Test helper: a monitor's resolution, position or scale changed. */
  changeMetrics(display: FakeDisplay): void {
    screen.displays = screen.displays.map((known) => (known.id === display.id ? display : known));
    screen.emit('display-metrics-changed', {}, structuredClone(display), ['bounds']);
  },
});

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
export const session = {
  defaultSession: {
    permissionRequestHandler: null as PermissionRequestHandler | null,
    permissionCheckHandler: null as ((contents: unknown, permission: string) => boolean) | null,
    setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: ((contents: unknown, permission: string) => boolean) | null): void {
      this.permissionCheckHandler = handler;
    },
  },
};

export const dialog = {
  errorBoxes: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  },
};

export const Menu = {
  applicationMenu: undefined as unknown,
  setApplicationMenu(menu: unknown): void {
    this.applicationMenu = menu;
  },
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template };
  },
};

/** Opens paths in the OS file manager: records each one; `problem` is what openPath answers ('' = opened). */
export const shell = {
  opened: [] as string[],
  problem: '',
  async openPath(target: string): Promise<string> {
    this.opened.push(target);
    return this.problem;
  },
};

/** Puts every fake back to a fresh state. */
export function resetFakeElectron(): void {
  shell.opened.length = 0;
  shell.problem = '';
  BrowserWindow.instances.length = 0;
  app.reset();
  ipcMain.handlers.clear();
  ipcRenderer.invocations.length = 0;
  ipcRenderer.listeners.clear();
  ipcRenderer.reply = (channel, ...args) => ({ ok: true, value: { channel, args } });
  contextBridge.exposed.clear();
  safeStorage.available = true;
  protocol.privilegedSchemes.length = 0;
  protocol.handlers.clear();
  screen.displays = [makeDisplay(1, 0)];
  screen.primaryId = null;
  screen.removeAllListeners();
  session.defaultSession.permissionRequestHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  dialog.errorBoxes.length = 0;
  Menu.applicationMenu = undefined;
  printing.printers = [];
  printing.result = { success: true, failureReason: '' };
  printing.scrollHeight = 600;
}

export default { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, safeStorage, protocol, screen, session, dialog, Menu, shell };
