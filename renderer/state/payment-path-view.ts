// The header's payment path indicator: how "paid" reaches this till right now.
import type { MessageKey } from '../../shared/i18n/translate';
import type { PaymentPathStatus } from '../../shared/pos-contract';

export type PathTone = 'good' | 'ok' | 'warn' | 'unknown';

export interface PathView {
  tone: PathTone;
  labelKey: MessageKey;
  /** Lines for the tooltip. */
  detailKeys: MessageKey[];
}

export function paymentPathView(status: PaymentPathStatus | null): PathView {
  if (!status) return { tone: 'unknown', labelKey: 'path.unknown', detailKeys: [] };
  const detailKeys: MessageKey[] = [`path.relay.${status.relay}`, `path.webhook.${status.webhook}`];
  if (status.live === 'relay') return { tone: 'good', labelKey: 'path.live.relay', detailKeys };
  if (status.live === 'webhook') return { tone: 'good', labelKey: 'path.live.webhook', detailKeys };
  // Polling is fine (payments still confirm), but a relay that should be up and is not deserves amber.
  const tone: PathTone = status.relay === 'down' || status.relay === 'connecting' ? 'warn' : 'ok';
  return { tone, labelKey: 'path.live.polling', detailKeys: [...detailKeys, 'path.pollingNote'] };
}
