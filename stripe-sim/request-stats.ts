/** Counts Stripe API requests per endpoint (e.g. "GET /v1/payment_intents/:intent"), for benchmarks. */
export class RequestStats {
  private counts = new Map<string, number>();

  count(endpoint: string): void {
    this.counts.set(endpoint, (this.counts.get(endpoint) ?? 0) + 1);
  }

  snapshot(): { requests: Record<string, number>; total: number } {
    const requests = Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
    return { requests, total: [...this.counts.values()].reduce((a, b) => a + b, 0) };
  }

  reset(): void {
    this.counts.clear();
  }
}
