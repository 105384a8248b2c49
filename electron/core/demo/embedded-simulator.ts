// Demo mode: with no Stripe key the app runs against the embedded stripe-sim, which keeps its state in
// the data dir so a restart behaves like Stripe (it never forgets a PaymentIntent).
import path from 'node:path';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import type { CoreConfig } from '../config/core-config';

/** A key the simulator accepts; it never leaves the main side and is worthless anywhere else. */
export const DEMO_SECRET_KEY = 'sk_test_chamra_demo';

export function startEmbeddedSimulator(config: CoreConfig): Promise<StripeSim> {
  return startStripeSim({
    host: '127.0.0.1',
    port: config.simPort ?? 0,
    stateFile: path.join(config.dataDir, 'stripe-sim-state.json'),
    qrFormat: config.simQrFormat,
  });
}
