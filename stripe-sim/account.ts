/** GET /v1/account: the simulated Stripe account (one Thai test account per simulator). */
export interface SimAccountConfig {
  /** Default acct_1ChamraSimulatorTH. */
  id?: string;
  /** settings.dashboard.display_name; default "Chamra POS (stripe-sim)". */
  displayName?: string;
}

export const DEFAULT_SIM_ACCOUNT_ID = 'acct_1ChamraSimulatorTH';

export function accountObject(config: Required<SimAccountConfig>, created: number): Record<string, unknown> {
  return {
    id: config.id,
    object: 'account',
    business_profile: { name: config.displayName, url: null, support_email: null },
    business_type: 'company',
    capabilities: { promptpay_payments: 'active' },
    charges_enabled: true,
    controller: { type: 'account' },
    country: 'TH',
    created,
    default_currency: 'thb',
    details_submitted: true,
    email: null,
    metadata: {},
    payouts_enabled: true,
    settings: { dashboard: { display_name: config.displayName, timezone: 'Asia/Bangkok' } },
    type: 'standard',
  };
}
