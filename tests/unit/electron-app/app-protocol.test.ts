import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../fakes/electron';

vi.mock('electron', () => import('../../fakes/electron'));

const { CONTENT_SECURITY_POLICY, createRendererRequestHandler, handleAppProtocol, registerAppSchemeAsPrivileged, resolveRendererFile } = await import(
  '../../../electron/app/app-protocol'
);

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
const OUTSIDE_SECRET = 'OUTSIDE-THE-RENDERER-ROOT';

let sandbox: string;
let root: string;
let handler: ReturnType<typeof createRendererRequestHandler>;

beforeAll(() => {
  // sandbox/renderer is served; sandbox/secret.txt and sandbox/renderer-evil/x sit right next to it.
  sandbox = mkdtempSync(path.join(os.tmpdir(), 'chamra-protocol-'));
  root = path.join(sandbox, 'renderer');
  mkdirSync(path.join(root, 'cashier'), { recursive: true });
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  mkdirSync(path.join(sandbox, 'renderer-evil'), { recursive: true });
  writeFileSync(path.join(root, 'cashier', 'index.html'), '<!doctype html><title>cashier</title>');
  writeFileSync(path.join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app-1234.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(root, 'assets', 'font.woff2'), 'x');
  writeFileSync(path.join(sandbox, 'secret.txt'), OUTSIDE_SECRET);
  writeFileSync(path.join(sandbox, 'renderer-evil', 'x'), OUTSIDE_SECRET);
  handler = createRendererRequestHandler(root);
});

afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
beforeEach(() => fake.resetFakeElectron());

const get = (url: string) => handler({ url, method: 'GET' });

describe('app:// protocol', () => {
  it('uses exactly the agreed content security policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
  });

  it('serves renderer files with their MIME type, nosniff and the CSP header', async () => {
    const cases = [
      ['app://pos/cashier/index.html', 'text/html; charset=utf-8', '<!doctype html><title>cashier</title>'],
      ['app://pos/assets/app-1234.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['app://pos/assets/app-1234.css', 'text/css; charset=utf-8', 'body{}'],
      ['app://pos/assets/logo.svg', 'image/svg+xml', '<svg/>'],
      ['app://pos/assets/font.woff2', 'font/woff2', 'x'],
    ] as const;
    for (const [url, type, body] of cases) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
      expect(response.headers.get('content-security-policy'), url).toBe(EXPECTED_CSP);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(await response.text(), url).toBe(body);
    }
  });

  it('serves index.html for a directory URL', async () => {
    const response = await get('app://pos/cashier/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('cashier');
  });

  it.each([
    'app://pos/../../etc/passwd',
    'app://pos/..%2f..%2fetc%2fpasswd',
    'app://pos/..%2Fsecret.txt',
    'app://pos/%2e%2e%2fsecret.txt',
    'app://pos/cashier/..%2f..%2fsecret.txt',
    'app://pos/..%5csecret.txt',
    'app://pos/..\\secret.txt',
    'app://pos/%2e%2e/renderer-evil/x',
    'app://pos/..%2frenderer-evil%2fx',
    'app://pos/cashier%00.html',
    'app://pos/%E0%A4%A',
    'app://other/cashier/index.html',
    'http://pos/cashier/index.html',
  ])('never serves anything outside the renderer root: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain(OUTSIDE_SECRET);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it('answers a missing file with 404 and the CSP header', async () => {
    const response = await get('app://pos/cashier/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await handler({ url: 'app://pos/cashier/index.html', method: 'POST' })).status).toBe(405);
    const head = await handler({ url: 'app://pos/cashier/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('resolves only inside the root, even for a sibling folder that shares its name prefix', () => {
    expect(resolveRendererFile(root, 'app://pos/cashier/index.html')).toBe(path.join(root, 'cashier', 'index.html'));
    expect(resolveRendererFile(root, 'app://pos/..%2frenderer-evil%2fx')).toBeNull();
    expect(resolveRendererFile(root, 'app://pos/')).toBe(path.join(root, 'index.html'));
  });

  it('registers app as a privileged standard, secure scheme and installs the handler with Electron', async () => {
    registerAppSchemeAsPrivileged();
    expect(fake.protocol.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    handleAppProtocol(root);
    const installed = fake.protocol.handlers.get('app');
    const response = await installed!(new Request('app://pos/cashier/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });
});
