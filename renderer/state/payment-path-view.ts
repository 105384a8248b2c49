// The header's payment path indicator: how "paid" reaches this till right now.
import type { MessageKey } from '../../shared/i18n/translate';
import { CLOCK_SKEW_WARNING_SECONDS, type PaymentPathStatus } from '../../shared/pos-contract';

export type PathTone = 'good' | 'ok' | 'warn' | 'bad' | 'unknown';

export interface PathView {
  tone: PathTone;
  labelKey: MessageKey;
  /** Lines for the tooltip. */
  detailKeys: MessageKey[];
}

export function paymentPathView(status: PaymentPathStatus | null): PathView {
  if (!status) return { tone: 'unknown', labelKey: 'path.unknown', detailKeys: [] };
  const detailKeys: MessageKey[] = [`path.relay.${status.relay}`, `path.webhook.${status.webhook}`];
  if (status.stripe === 'unreachable') return { tone: 'bad', labelKey: 'path.offline', detailKeys: ['link.offline', ...detailKeys] };
  if (status.live === 'relay') return { tone: 'good', labelKey: 'path.live.relay', detailKeys };
  if (status.live === 'webhook') return { tone: 'good', labelKey: 'path.live.webhook', detailKeys };
  // Polling is fine (payments still confirm), but a relay that should be up and is not deserves amber.
  const tone: PathTone = status.relay === 'down' || status.relay === 'connecting' ? 'warn' : 'ok';
  return { tone, labelKey: 'path.live.polling', detailKeys: [...detailKeys, 'path.pollingNote'] };
}

export type LinkWarning =
  | { kind: 'offline' }
  | { kind: 'clock'; minutes: number; direction: 'ahead' | 'behind' };

/** What the till should warn about before anyone tries to charge: no internet, or a wrong clock. */
export function linkWarnings(status: PaymentPathStatus | null): LinkWarning[] {
  if (!status) return [];
  const warnings: LinkWarning[] = [];
  if (status.stripe === 'unreachable') warnings.push({ kind: 'offline' });
  const skew = status.clockSkewSeconds;
  if (skew !== null && Math.abs(skew) > CLOCK_SKEW_WARNING_SECONDS) {
    warnings.push({ kind: 'clock', minutes: Math.round(Math.abs(skew) / 60), direction: skew > 0 ? 'ahead' : 'behind' });
  }
  return warnings;
}
