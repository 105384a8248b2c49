// Shop settings persisted in the ledger (`settings` table), each key overriding the config default.
// Read on every use, so a change takes effect without a restart.
import type { ShopSettings } from '../../../shared/manager-types';
import type { LedgerDb } from '../ledger/open-ledger';

export const DEFAULT_TIME_ZONE = 'Asia/Bangkok';

export type SettingsPatch = Partial<ShopSettings>;

const KEYS: readonly (keyof ShopSettings)[] = [
  'shopName', 'timeZone', 'qrTimeoutSeconds', 'backupFolder', 'backupTime', 'dayStartHour', 'promptPayId',
  'shopAddress', 'shopLogo', 'vatRegistered', 'taxId', 'branchCode', 'receiptPaper', 'receiptLanguage', 'receiptPrinter', 'autoPrintReceipt', 'sound',
];

export class SettingsStore {
  private cache: ShopSettings | null = null;
  private readonly listeners = new Set<(settings: ShopSettings) => void>();

  constructor(
    private readonly db: LedgerDb,
    private readonly defaults: ShopSettings,
  ) {}

  get(): ShopSettings {
    if (this.cache) return this.cache;
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored: Partial<Record<keyof ShopSettings, unknown>> = {};
    for (const row of rows) if ((KEYS as readonly string[]).includes(row.key)) stored[row.key as keyof ShopSettings] = JSON.parse(row.value);
    this.cache = { ...this.defaults, ...(stored as Partial<ShopSettings>) };
    return this.cache;
  }

  /** Saves the given keys; returns the settings before and after, so the caller can audit the change. */
  update(patch: SettingsPatch): { before: ShopSettings; after: ShopSettings } {
    const before = this.get();
    const upsert = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const key of KEYS) if (patch[key] !== undefined) upsert.run(key, JSON.stringify(patch[key]));
    })();
    this.cache = null;
    const after = this.get();
    for (const listener of this.listeners) listener(after);
    return { before, after };
  }

  /** Forgets the cache (after a restore swapped the ledger's contents). */
  reload(): ShopSettings {
    this.cache = null;
    const settings = this.get();
    for (const listener of this.listeners) listener(settings);
    return settings;
  }

  onChange(listener: (settings: ShopSettings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
