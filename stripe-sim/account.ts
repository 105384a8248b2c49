/** GET /v1/account: the simulated Stripe account (one Thai test account per simulator). */
import { z } from 'zod';

export interface SimAccountConfig {
  /** Default acct_1ChamraSimulatorTH. */
  id?: string;
  /** settings.dashboard.display_name; default "Chamra POS (stripe-sim)". */
  displayName?: string;
  /** ISO country; default 'TH'. Another country plays an account that cannot offer PromptPay. */
  country?: string;
  /** capabilities.promptpay_payments; default 'active'. 'none' plays an account that never requested it (no key at all). */
  promptPay?: 'active' | 'inactive' | 'pending' | 'none';
}

/** What POST /_sim/account may change (the id stays: keys, events and 403 messages name it). */
export const accountControlSchema = z
  .object({
    displayName: z.string().min(1).max(100).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code such as TH').optional(),
    promptPay: z.enum(['active', 'inactive', 'pending', 'none']).optional(),
  })
  .strict();

export const DEFAULT_SIM_ACCOUNT_ID = 'acct_1ChamraSimulatorTH';

export function accountObject(config: Required<SimAccountConfig>, created: number): Record<string, unknown> {
  return {
    id: config.id,
    object: 'account',
    business_profile: { name: config.displayName, url: null, support_email: null },
    business_type: 'company',
    capabilities: config.promptPay === 'none' ? {} : { promptpay_payments: config.promptPay },
    charges_enabled: true,
    controller: { type: 'account' },
    country: config.country,
    created,
    default_currency: config.country === 'TH' ? 'thb' : 'usd',
    details_submitted: true,
    email: null,
    metadata: {},
    payouts_enabled: true,
    settings: { dashboard: { display_name: config.displayName, timezone: 'Asia/Bangkok' } },
    type: 'standard',
  };
}
