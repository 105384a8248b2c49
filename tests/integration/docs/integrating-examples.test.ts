// Every example in docs/INTEGRATING.md, taken out of the Markdown as it is written and run with the
// real interpreter (bash + curl, node, python3, php) against a real till: the core in demo mode
// (SQLite ledger, the official Stripe SDK against the embedded simulator) behind the real HTTP server
// with a POS_API_TOKEN. What each prints is checked against the ledger and Stripe's own record.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusFor } from '../../../electron/core/http/error-status';
import { businessDateOf } from '../../../electron/core/reports/business-day';
import { DEFAULT_TIME_ZONE } from '../../../electron/core/settings/settings-store';
import type { DailyReport } from '../../../shared/manager-types';
import { POS_ERROR_CODES, type PosErrorCode } from '../../../shared/pos-error';
import { paymentIntentsCreated, simControl } from '../../support/core-harness';
import { startTestTill, TEST_API_TOKEN, type TestTill } from '../http/http-test-till';
import { fencedBlocks, readRepoFile, type FencedBlock } from './markdown-blocks';

const DOC = 'docs/INTEGRATING.md';

/** How each fenced language runs. */
const RUNNERS = {
  sh: { command: 'bash', extension: 'sh' },
  js: { command: 'node', extension: 'mjs' },
  python: { command: 'python3', extension: 'py' },
  php: { command: 'php', extension: 'php' },
} as const;
type Language = keyof typeof RUNNERS;
const LANGUAGES = Object.keys(RUNNERS) as Language[];

/** The API examples, each in every language. */
const API_EXAMPLES = ['create-charge', 'get-payment', 'wait-for-paid', 'cancel', 'handle-errors', 'daily-report'];
/** Shell snippets that are not about the API (and so have no JS, Python or PHP twin). */
const SHELL_ONLY_EXAMPLES = ['make-token'];
/** Fenced blocks that are not code: sample answers (checked to be JSON) and plain text. */
const NOT_CODE = new Set(['json', 'text']);

const blocks = fencedBlocks(readRepoFile(DOC));
const examples = blocks.filter((block) => block.example !== null);

function exampleOf(language: Language, name: string): FencedBlock {
  const found = examples.filter((block) => block.language === language && block.example === name);
  if (found.length !== 1) throw new Error(`${DOC} has ${found.length} \`${language} example=${name}\` blocks, expected 1`);
  return found[0];
}

describe(`${DOC}: what is code is an example that runs`, () => {
  it('marks every code block as an example (or as json/text), in a language the test runs', () => {
    const unmarked = blocks.filter((block) => block.example === null && !NOT_CODE.has(block.language));
    expect(unmarked.map((block) => `line ${block.line}: \`\`\`${block.info}`)).toEqual([]);
    const unknownLanguage = examples.filter((block) => !(block.language in RUNNERS));
    expect(unknownLanguage.map((block) => `line ${block.line}: \`\`\`${block.info}`)).toEqual([]);
  });

  it('has each API example once in curl, JavaScript, Python and PHP, and nothing else', () => {
    const have = examples.map((block) => `${block.language} ${block.example}`).sort();
    const want = [
      ...API_EXAMPLES.flatMap((name) => LANGUAGES.map((language) => `${language} ${name}`)),
      ...SHELL_ONLY_EXAMPLES.map((name) => `sh ${name}`),
    ].sort();
    expect(have).toEqual(want);
  });

  it("states each error code with the HTTP status the server gives it", () => {
    const rows = [...readRepoFile(DOC).matchAll(/^\| (\d{3}) \| `([a-z_]+)` \|/gm)].map(([, status, code]) => ({ status: Number(status), code }));
    expect(rows.length).toBeGreaterThan(10);
    // Besides the core's codes: the API switched off, and the Host check (forbidden, but 421).
    const special = new Set(['503 api_disabled', '421 forbidden']);
    const wrong = rows.filter(({ status, code }) => !special.has(`${status} ${code}`) && !((POS_ERROR_CODES as readonly string[]).includes(code) && httpStatusFor(code as PosErrorCode) === status));
    expect(wrong).toEqual([]);
  });

  it('shows sample answers that are JSON', () => {
    const samples = blocks.filter((block) => block.language === 'json');
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) expect(() => JSON.parse(sample.code), `line ${sample.line}`).not.toThrow();
  });
});

let till: TestTill;
let workDir: string;

beforeAll(async () => {
  till = await startTestTill();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-docs-examples-'));
});
afterAll(async () => {
  await till?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one example as a reader would (saved to a file, run with its interpreter) with the
 * environment the doc names. `onOutput` sees stdout as it grows (to act when a line appears).
 */
function runExample(language: Language, name: string, env: Record<string, string> = {}, onOutput?: (stdout: string) => void): Promise<Run> {
  const { command, extension } = RUNNERS[language];
  const file = path.join(workDir, `${name}.${extension}`);
  fs.writeFileSync(file, exampleOf(language, name).code);
  return new Promise((resolve, reject) => {
    const child = spawn(command, [file], {
      cwd: workDir,
      env: {
        ...process.env,
        POS_URL: till.url,
        POS_API_TOKEN: TEST_API_TOKEN,
        // A proxy configured on the machine must not stand between the example and the till.
        NO_PROXY: '127.0.0.1,localhost',
        no_proxy: '127.0.0.1,localhost',
        LANG: 'C.UTF-8',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onOutput?.(stdout);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs an example that must succeed, returning what it printed. */
async function output(language: Language, name: string, env: Record<string, string> = {}): Promise<string> {
  const run = await runExample(language, name, env);
  expect(run.stderr, `${language} ${name} wrote to stderr`).toBe('');
  expect(run.code, `${language} ${name} exit code`).toBe(0);
  return run.stdout;
}

/** The line the JavaScript, Python and PHP daily-report examples print. */
function summaryLine(report: DailyReport): string {
  return `${report.date} paid=${report.paid.count} amount=${report.paid.amount} net=${report.net} promptpay=${report.tenders.promptpay.net}`;
}

function saleIdIn(text: string): string {
  const id = /sale_[A-Za-z0-9_]+/.exec(text)?.[0];
  if (!id) throw new Error(`no sale id in: ${text}`);
  return id;
}

function ledgerSale(saleId: string) {
  const sale = till.core.payments.find(saleId);
  if (!sale) throw new Error(`${saleId} is not in the ledger`);
  return sale;
}

describe('the shell snippet that makes a token', () => {
  it('prints 64 hex digits', async () => {
    expect(await output('sh', 'make-token')).toMatch(/^[0-9a-f]{64}\n$/);
  });
});

/** Each test starts an interpreter or two; on a loaded machine that alone can take seconds. */
const EXAMPLE_TIMEOUT_MS = 60_000;

describe.each(LANGUAGES)('the %s examples against a real till', { timeout: EXAMPLE_TIMEOUT_MS }, (language) => {
  let waitingSaleId = '';
  let paidSaleId = '';
  const orderId = `${language}-${randomUUID().slice(0, 8)}`;

  it('create-charge makes one sale and one PaymentIntent, and a retry for the same order gets that sale', async () => {
    const before = await paymentIntentsCreated(till.core);
    const first = await output(language, 'create-charge', { ORDER_ID: orderId });
    waitingSaleId = saleIdIn(first);
    expect(first).toContain('requires_action');
    expect(first).toContain('12345');

    const retry = await output(language, 'create-charge', { ORDER_ID: orderId });
    expect(saleIdIn(retry)).toBe(waitingSaleId);
    expect(await paymentIntentsCreated(till.core)).toBe(before + 1);

    const sale = ledgerSale(waitingSaleId);
    expect(sale).toMatchObject({ amount: 12345, status: 'awaiting_payment', description: 'Table 4' });
    expect(till.core.payments.metadataOf(waitingSaleId)).toMatchObject({ orderId });
    // The QR the example printed is the one the customer display shows.
    expect(first).toContain(sale.qrData!);
  });

  it('get-payment reads it back with its status and order id', async () => {
    const text = await output(language, 'get-payment', { SALE_ID: waitingSaleId });
    expect(text).toContain(waitingSaleId);
    expect(text).toContain('awaiting_payment');
    expect(text).toContain(orderId);
  });

  it('wait-for-paid waits while the QR is up and prints succeeded once the customer pays', async () => {
    const paymentIntentId = ledgerSale(waitingSaleId).paymentIntentId!;
    let paying: Promise<void> | null = null;
    // The customer pays (the simulator, as Stripe) only once the example is already waiting.
    const run = await runExample(language, 'wait-for-paid', { SALE_ID: waitingSaleId }, (stdout) => {
      if (!paying && stdout.includes(`waiting for ${waitingSaleId}`)) paying = simControl(till.core, paymentIntentId, 'succeed');
    });
    expect(paying, 'the example never said it was waiting').not.toBeNull();
    await paying;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/succeeded/);
    expect(ledgerSale(waitingSaleId).status).toBe('succeeded');
    paidSaleId = waitingSaleId;
  });

  it('cancel cancels a sale that is not paid', async () => {
    const saleId = saleIdIn(await output(language, 'create-charge', { ORDER_ID: `${orderId}-cancel` }));
    const text = await output(language, 'cancel', { SALE_ID: saleId });
    expect(text).toContain(saleId);
    expect(text).toContain('canceled');
    expect(ledgerSale(saleId).status).toBe('canceled');
  });

  it('handle-errors gets amount_too_small for ฿5.00 and nothing is charged', async () => {
    const before = await paymentIntentsCreated(till.core);
    const text = await output(language, 'handle-errors');
    expect(text).toContain('amount_too_small');
    expect(text).toContain('400');
    expect(text).toContain('at least 1000 satang');
    expect(await paymentIntentsCreated(till.core)).toBe(before);
  });

  it("daily-report prints the day's totals, with the sale paid above", async () => {
    const date = businessDateOf(Date.now(), DEFAULT_TIME_ZONE);
    const text = await output(language, 'daily-report', { REPORT_DATE: date });
    const report = till.core.manager.dailyReport(date, null);
    expect(report.paid.count).toBeGreaterThan(0);
    expect(text).toContain(paidSaleId);
    // curl prints the report's JSON; the other examples print its summary line themselves.
    const summary = language === 'sh' ? summaryLine(JSON.parse(text) as DailyReport) : text;
    expect(summary).toContain(summaryLine(report));
  });
});
