// The short human table printed after the JSON summary.
export function printTable(summary: Record<string, unknown>): void {
  const s = summary as {
    seed: number;
    durationSeconds: number;
    killPoints: { total: number; byKind: Record<string, number>; midCreateWithoutAnswer: number };
    stripeFaults: { fired: number; requests: number; rate: number };
    idempotentRetriesAfterCrash: Record<string, number>;
    lostSales: number;
    duplicatePaymentIntents: number;
    orphanPaymentIntents: number;
    tillDisagreesWithStripe: number;
    unresolvedSales: number;
    refunds: { problems: number; inLedger: number };
    receiptNumbers?: { paidSales: number; problems: number };
    integrityCheck: string;
    salesInLedger: number;
    pass: boolean;
    failures: string[];
    runDir: string;
  };
  const { total: retries, alive_with_qr: alive, canceled, ...others } = s.idempotentRetriesAfterCrash;
  const otherOutcomes = Object.entries(others).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
  const rows: [string, string, boolean | null][] = [
    ['kill points', `${s.killPoints.total} (${Object.entries(s.killPoints.byKind).map(([k, n]) => `${k} ${n}`).join(', ')})`, null],
    ['Stripe faults', `${s.stripeFaults.fired} of ${s.stripeFaults.requests} requests (${(s.stripeFaults.rate * 100).toFixed(1)}%)`, s.stripeFaults.rate >= 0.2],
    ['lost sales', String(s.lostSales), s.lostSales === 0],
    ['duplicate PaymentIntents', String(s.duplicatePaymentIntents), s.duplicatePaymentIntents === 0],
    ['PaymentIntents without a sale', String(s.orphanPaymentIntents), s.orphanPaymentIntents === 0],
    ['till ≠ Stripe (of sales)', `${s.tillDisagreesWithStripe} of ${s.salesInLedger}`, s.tillDisagreesWithStripe === 0],
    ['sales stuck without a QR', String(s.unresolvedSales), s.unresolvedSales === 0],
    ['refund problems', `${s.refunds.problems} of ${s.refunds.inLedger}`, s.refunds.problems === 0],
    ['receipt numbers 1..N per till', `${s.receiptNumbers?.problems ?? 0} problems over ${s.receiptNumbers?.paidSales ?? 0} paid sales`, (s.receiptNumbers?.problems ?? 0) === 0],
    ['PRAGMA integrity_check', s.integrityCheck, s.integrityCheck === 'ok'],
    ['retries after a crash', `${retries}: alive with QR ${alive}, canceled ${canceled}; ${otherOutcomes}`, null],
    ['duration', `${s.durationSeconds} s (seed ${s.seed})`, null],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log('');
  for (const [name, value, ok] of rows) console.log(`${ok === null ? '    ' : ok ? ' ok ' : 'FAIL'}  ${name.padEnd(width)}  ${value}`);
  console.log(`\n${s.pass ? 'PASS' : `FAIL: ${s.failures.join('; ')}`}${s.pass ? '' : `\n(run directory kept: ${s.runDir})`}`);
}
