/**
 * Stripe's processing fee on a PromptPay charge: a percentage (in basis points) plus a fixed amount,
 * in integer satang. Configurable because shops negotiate rates; the default is Stripe Thailand's
 * published PromptPay price (see README: 1.65 %, no fixed part).
 */
import { z } from 'zod';
import { invalidRequest } from './stripe-errors';

export interface FeeSchedule {
  /** 1.65 % = 165. */
  percentBasisPoints: number;
  /** Added to every charge, in satang. */
  fixedSatang: number;
}

export const DEFAULT_FEE_SCHEDULE: Readonly<FeeSchedule> = Object.freeze({ percentBasisPoints: 165, fixedSatang: 0 });

/** A fixed fee above ฿10,000 is a typo, not a price. */
const MAX_FIXED_SATANG = 1_000_000;

/** The one schema for a fee schedule given in code (`fees` option). */
export const feeScheduleSchema = z
  .object({
    percentBasisPoints: z.number().int().min(0).max(10_000),
    fixedSatang: z.number().int().min(0).max(MAX_FIXED_SATANG),
  })
  .strict();

/** The one schema for POST /_sim/fees (either knob may be left out: it keeps its value). */
export const feeSettingsBodySchema = z
  .object({
    percent_basis_points: z.number().int().min(0).max(10_000).optional(),
    fixed_satang: z.number().int().min(0).max(MAX_FIXED_SATANG).optional(),
  })
  .strict();

export function checkFeeSchedule(value: unknown, where: string): FeeSchedule {
  const parsed = feeScheduleSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`stripe-sim: ${where}.${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** POST /_sim/fees body → the new schedule (merged onto the current one), or Stripe's 400. */
export function feeScheduleFromBody(body: unknown, current: FeeSchedule): FeeSchedule {
  const parsed = feeSettingsBodySchema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue.path.join('.') || undefined;
    throw invalidRequest(
      undefined,
      `Send JSON {"percent_basis_points": 0–10000 (1.65 % = 165), "fixed_satang": 0–${MAX_FIXED_SATANG}}: ${param ?? 'body'}: ${issue.message}`,
      param,
    );
  }
  return {
    percentBasisPoints: parsed.data.percent_basis_points ?? current.percentBasisPoints,
    fixedSatang: parsed.data.fixed_satang ?? current.fixedSatang,
  };
}

/** `SIM_FEE_PERCENT=1.65` → 165 basis points; at most two decimals, so the value is exact. */
export function percentToBasisPoints(value: string): number {
  const match = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*$/.exec(value);
  const points = match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : NaN;
  if (!match || points > 10_000) throw new Error(`stripe-sim: SIM_FEE_PERCENT must be a percentage such as 1.65 (0–100, at most two decimals), got '${value}'`);
  return points;
}

/** The schedule from env SIM_FEE_PERCENT / SIM_FEE_FIXED_SATANG, or null when neither is set (empty = unset). */
export function feeScheduleFromEnv(env: NodeJS.ProcessEnv): FeeSchedule | null {
  const percent = env.SIM_FEE_PERCENT?.trim() || undefined;
  const fixed = env.SIM_FEE_FIXED_SATANG?.trim() || undefined;
  if (percent === undefined && fixed === undefined) return null;
  const fixedSatang = fixed === undefined ? DEFAULT_FEE_SCHEDULE.fixedSatang : Number(fixed);
  if (!/^\d+$/.test(fixed ?? '0') || fixedSatang > MAX_FIXED_SATANG)
    throw new Error(`stripe-sim: SIM_FEE_FIXED_SATANG must be a whole number of satang (0–${MAX_FIXED_SATANG}), got '${fixed}'`);
  return {
    percentBasisPoints: percent === undefined ? DEFAULT_FEE_SCHEDULE.percentBasisPoints : percentToBasisPoints(percent),
    fixedSatang,
  };
}

/**
 * Stripe's fee on `amountSatang`: the percentage rounded half up to the satang, plus the fixed part.
 * Integer arithmetic only (amount × basis points stays far below 2^53 for THB amounts).
 */
export function stripeFeeSatang(amountSatang: number, schedule: FeeSchedule): number {
  if (!Number.isSafeInteger(amountSatang) || amountSatang < 0) throw new Error(`stripe-sim: fee of a non-integer or negative amount ${amountSatang}`);
  return Math.floor((amountSatang * schedule.percentBasisPoints + 5_000) / 10_000) + schedule.fixedSatang;
}

/** The wire form of GET|POST /_sim/fees. */
export function feeScheduleJson(schedule: FeeSchedule): { percent_basis_points: number; fixed_satang: number; percent: string } {
  const { percentBasisPoints: bp } = schedule;
  return { percent_basis_points: bp, fixed_satang: schedule.fixedSatang, percent: `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}` };
}
