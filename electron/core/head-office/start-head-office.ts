// Head office is on when the till has a relay (POS_RELAY_URL and POS_RELAY_TOKEN) unless
// POS_HEAD_OFFICE=off. The outbox fills either way (ledger triggers), so turning it on later sends the
// till's history too.
import type { CoreConfig } from '../config/core-config';
import type { LedgerDb } from '../ledger/open-ledger';
import { HeadOfficeSender, type HeadOfficeSenderOptions } from './head-office-sender';
import type { ShopDay } from './head-office-payload';

export type HeadOfficeTuning = Pick<HeadOfficeSenderOptions, 'backoffMs' | 'batchSize' | 'idleCheckMs'>;

export function startHeadOfficeSender(
  config: Pick<CoreConfig, 'relayUrl' | 'relayToken' | 'shopId' | 'headOffice'>,
  deps: { db: LedgerDb; shopDay: () => ShopDay; log: (message: string) => void; tuning?: HeadOfficeTuning },
): HeadOfficeSender | null {
  if (!config.headOffice || !config.relayUrl || !config.relayToken) return null;
  const sender = new HeadOfficeSender({
    db: deps.db,
    relayUrl: config.relayUrl,
    token: config.relayToken,
    shopId: config.shopId,
    shopDay: deps.shopDay,
    log: deps.log,
    ...deps.tuning,
  });
  sender.start();
  return sender;
}
