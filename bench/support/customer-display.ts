// The real customer display in headless Chromium (Debian's), for measuring paid-to-screen latency.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

export interface CustomerDisplay {
  waitForStatus(status: string): Promise<void>;
  close(): Promise<void>;
}

/** Null when there is no browser or no built renderer here: the caller then measures the stream only. */
export async function openCustomerDisplay(url: string): Promise<CustomerDisplay | null> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const rendererBuilt = fs.existsSync(path.resolve(import.meta.dirname, '../../dist/renderer/customer/index.html'));
  if (!fs.existsSync(executablePath) || !rendererBuilt) return null;
  const browser: Browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const page: Page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(url);
  // Ready once it has read the till's state and shows the idle screen.
  await page.locator('[data-testid="customer-status"][data-status="idle"]').waitFor({ timeout: 10_000 });
  return {
    async waitForStatus(status) {
      await page.locator(`[data-testid="customer-status"][data-status="${status}"]`).waitFor({ timeout: 10_000 });
    },
    close: () => browser.close(),
  };
}
