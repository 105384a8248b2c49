// Shop settings, backups (run now, list, restore with an integrity check) and the audit log.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageKey } from '../../shared/i18n/translate';
import type { AuditEntryView, BackupInfo, ShopSettings } from '../../shared/manager-types';
import { promptPayIdSchema, updateSettingsInput, type PosInput } from '../../shared/pos-contract';
import type { PrinterInfo, ReceiptPaper, SoundSettings } from '../../shared/receipt';
import type { RendererTransport } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';

export const AUDIT_PAGE = 50;

export interface SettingsDraft {
  shopName: string;
  timeZone: string;
  qrTimeoutMinutes: string;
  backupFolder: string;
  backupTime: string;
  /** As typed: digits with or without dashes and spaces. */
  promptPayId: string;
  /** "0"–"11", from the select. */
  dayStartHour: string;
  /** Receipts: the address (lines), VAT registration with the tax ID as typed, the branch. */
  shopAddress: string;
  vatRegistered: boolean;
  taxId: string;
  branchCode: string;
  receiptPaper: ReceiptPaper;
  receiptLanguage: ShopSettings['receiptLanguage'];
  /** '' = the system's default printer. */
  receiptPrinter: string;
  autoPrintReceipt: ShopSettings['autoPrintReceipt'];
  sound: SoundSettings;
}

/**
 * A typed tax ID, checked with the contract's own schema (13 digits, check digit): empty, valid (the
 * digits), still being typed, or why not.
 */
export type TaxIdCheck =
  | { state: 'empty' }
  | { state: 'ok'; id: string }
  | { state: 'typing' }
  | { state: 'bad'; key: 'receipts.error.taxId' | 'receipts.error.taxIdChecksum' };

export function checkTaxId(text: string): TaxIdCheck {
  if (text.trim() === '') return { state: 'empty' };
  const parsed = updateSettingsInput.shape.taxId.safeParse(text);
  if (parsed.success && parsed.data) return { state: 'ok', id: parsed.data };
  const digits = text.replace(/[\s-]/g, '');
  if (/^\d{13}$/.test(digits)) return { state: 'bad', key: 'receipts.error.taxIdChecksum' };
  if (/^\d{1,12}$/.test(digits)) return { state: 'typing' };
  return { state: 'bad', key: 'receipts.error.taxId' };
}

/** A tax ID as Thai documents group it: 0-1055-58123-45-1. */
export function formatTaxId(id: string): string {
  return formatPromptPayId(id);
}

export type PromptPayIdKind = 'phone' | 'nationalId' | 'ewallet';

/**
 * What a typed PromptPay ID is, checked with the same schema the core uses: empty (the tender is off),
 * a valid ID of a kind, or why not. `typing`: only digits so far, too few to judge yet.
 */
export type PromptPayIdCheck =
  | { state: 'empty' }
  | { state: 'ok'; id: string; kind: PromptPayIdKind }
  | { state: 'typing' }
  | { state: 'bad'; key: 'settings.error.promptPayId' | 'settings.error.promptPayChecksum' };

export function checkPromptPayId(text: string): PromptPayIdCheck {
  if (text.trim() === '') return { state: 'empty' };
  const parsed = promptPayIdSchema.safeParse(text);
  if (parsed.success) return { state: 'ok', id: parsed.data, kind: parsed.data.length === 10 ? 'phone' : parsed.data.length === 13 ? 'nationalId' : 'ewallet' };
  const digits = text.replace(/[\s-]/g, '');
  if (/^\d{13}$/.test(digits)) return { state: 'bad', key: 'settings.error.promptPayChecksum' };
  if (/^\d{1,9}$/.test(digits) || /^\d{11,12}$/.test(digits) || /^\d{14}$/.test(digits)) return { state: 'typing' };
  return { state: 'bad', key: 'settings.error.promptPayId' };
}

/** A PromptPay ID as people write it: 081-234-5678, 1-2345-67890-12-3 (a Thai ID card's grouping), 15 digits in fives. */
export function formatPromptPayId(id: string): string {
  const groups = id.length === 10 ? [3, 3, 4] : id.length === 13 ? [1, 4, 5, 2, 1] : id.length === 15 ? [5, 5, 5] : [id.length];
  const parts: string[] = [];
  let at = 0;
  for (const size of groups) {
    parts.push(id.slice(at, at + size));
    at += size;
  }
  return parts.join('-');
}

/** The hours a business day may start at: midnight to 11:00. */
export const DAY_START_HOURS = Array.from({ length: 12 }, (_, hour) => hour);

export interface SettingsState {
  settings: ShopSettings | null;
  draft: SettingsDraft | null;
  loading: boolean;
  saving: boolean;
  saved: boolean;
  problem: { field: keyof SettingsDraft; key: MessageKey } | null;
  error: ShownError | null;
  backups: BackupInfo[];
  backupRunning: boolean;
  lastBackup: BackupInfo | null;
  backupError: ShownError | null;
  restoreConfirm: BackupInfo | null;
  restoring: boolean;
  restored: BackupInfo | null;
  audit: AuditEntryView[];
  auditMore: boolean;
  auditLoading: boolean;
  /** The desktop's printers (printers.list); empty in a browser, which prints through its own dialog. */
  printers: PrinterInfo[];
}

export interface SettingsActions {
  load(): Promise<void>;
  setDraft(patch: Partial<SettingsDraft>): void;
  save(): Promise<void>;
  runBackup(): Promise<void>;
  askRestore(backup: BackupInfo | null): void;
  restore(): Promise<void>;
  loadAudit(more?: boolean): Promise<void>;
}

export type SettingsStore = StoreApi<SettingsState & SettingsActions>;

export function draftOf(settings: ShopSettings): SettingsDraft {
  return {
    shopName: settings.shopName,
    timeZone: settings.timeZone,
    qrTimeoutMinutes: String(Math.round((settings.qrTimeoutSeconds / 60) * 10) / 10),
    backupFolder: settings.backupFolder ?? '',
    backupTime: settings.backupTime ?? '',
    promptPayId: settings.promptPayId ? formatPromptPayId(settings.promptPayId) : '',
    dayStartHour: String(settings.dayStartHour),
    shopAddress: settings.shopAddress ?? '',
    vatRegistered: settings.vatRegistered,
    taxId: settings.taxId ? formatTaxId(settings.taxId) : '',
    branchCode: settings.branchCode ?? '',
    receiptPaper: settings.receiptPaper,
    receiptLanguage: settings.receiptLanguage,
    receiptPrinter: settings.receiptPrinter ?? '',
    autoPrintReceipt: settings.autoPrintReceipt,
    sound: { ...settings.sound },
  };
}

/** The settings.update input for what changed, or a problem with the field at fault. */
export function settingsPatch(
  settings: ShopSettings,
  draft: SettingsDraft,
): { ok: true; input: PosInput<'settings.update'> } | { ok: false; field: keyof SettingsDraft; key: MessageKey } {
  const input: PosInput<'settings.update'> = {};
  const shopName = draft.shopName.trim();
  if (shopName === '' || shopName.length > 80) return { ok: false, field: 'shopName', key: 'settings.error.shopName' };
  if (shopName !== settings.shopName) input.shopName = shopName;
  if (draft.timeZone !== settings.timeZone) input.timeZone = draft.timeZone;
  const minutes = Number(draft.qrTimeoutMinutes.replace(',', '.'));
  if (!Number.isFinite(minutes) || minutes < 0.5 || minutes > 60) return { ok: false, field: 'qrTimeoutMinutes', key: 'settings.error.qrTimeout' };
  const seconds = Math.round(minutes * 60);
  if (seconds !== settings.qrTimeoutSeconds) input.qrTimeoutSeconds = seconds;
  const folder = draft.backupFolder.trim();
  if ((folder || null) !== settings.backupFolder) input.backupFolder = folder || null;
  const time = draft.backupTime.trim();
  if (time !== '' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return { ok: false, field: 'backupTime', key: 'settings.error.backupTime' };
  if (time !== '' && !folder) return { ok: false, field: 'backupFolder', key: 'settings.error.backupFolderNeeded' };
  if ((time || null) !== settings.backupTime) input.backupTime = time || null;
  const promptPay = checkPromptPayId(draft.promptPayId);
  if (promptPay.state === 'bad') return { ok: false, field: 'promptPayId', key: promptPay.key };
  if (promptPay.state === 'typing') return { ok: false, field: 'promptPayId', key: 'settings.error.promptPayId' };
  const promptPayId = promptPay.state === 'ok' ? promptPay.id : null;
  if (promptPayId !== settings.promptPayId) input.promptPayId = promptPayId;
  const hour = Number(draft.dayStartHour);
  if (!DAY_START_HOURS.includes(hour)) return { ok: false, field: 'dayStartHour', key: 'settings.error.dayStartHour' };
  if (hour !== settings.dayStartHour) input.dayStartHour = hour;
  const address = draft.shopAddress.trim();
  if (address.length > 300) return { ok: false, field: 'shopAddress', key: 'receipts.error.address' };
  if ((address || null) !== settings.shopAddress) input.shopAddress = address || null;
  const tax = checkTaxId(draft.taxId);
  if (tax.state === 'bad') return { ok: false, field: 'taxId', key: tax.key };
  if (tax.state === 'typing') return { ok: false, field: 'taxId', key: 'receipts.error.taxId' };
  const taxId = tax.state === 'ok' ? tax.id : null;
  // The core refuses it too (field taxId): a tax invoice must carry the tax ID.
  if (draft.vatRegistered && taxId === null) return { ok: false, field: 'taxId', key: 'receipts.error.taxIdNeeded' };
  if (taxId !== settings.taxId) input.taxId = taxId;
  if (draft.vatRegistered !== settings.vatRegistered) input.vatRegistered = draft.vatRegistered;
  const branch = draft.branchCode.trim();
  if (branch !== '' && !/^\d{5}$/.test(branch)) return { ok: false, field: 'branchCode', key: 'receipts.error.branch' };
  if ((branch || null) !== settings.branchCode) input.branchCode = branch || null;
  if (draft.receiptPaper !== settings.receiptPaper) input.receiptPaper = draft.receiptPaper;
  if (draft.receiptLanguage !== settings.receiptLanguage) input.receiptLanguage = draft.receiptLanguage;
  if ((draft.receiptPrinter || null) !== settings.receiptPrinter) input.receiptPrinter = draft.receiptPrinter || null;
  if (draft.autoPrintReceipt !== settings.autoPrintReceipt) input.autoPrintReceipt = draft.autoPrintReceipt;
  const sound = { chime: draft.sound.chime, speakAmount: draft.sound.speakAmount, volume: Math.max(0, Math.min(100, Math.round(draft.sound.volume))) };
  if (sound.chime !== settings.sound.chime || sound.speakAmount !== settings.sound.speakAmount || sound.volume !== settings.sound.volume) input.sound = sound;
  return { ok: true, input };
}

export function createSettingsStore(options: { transport: RendererTransport; onTimeZone?: (zone: string) => void }): SettingsStore {
  const { transport, onTimeZone } = options;
  return createStore<SettingsState & SettingsActions>()((set, get) => ({
    settings: null,
    draft: null,
    loading: false,
    saving: false,
    saved: false,
    problem: null,
    error: null,
    backups: [],
    backupRunning: false,
    lastBackup: null,
    backupError: null,
    restoreConfirm: null,
    restoring: false,
    restored: null,
    audit: [],
    auditMore: false,
    auditLoading: false,
    printers: [],

    async load() {
      set({ loading: true, error: null });
      const result = await transport.call('settings.get', {});
      if (!result.ok) {
        set({ loading: false, error: shownError(result.error) });
        return;
      }
      set({ loading: false, settings: result.value, draft: draftOf(result.value), saved: false, problem: null });
      onTimeZone?.(result.value.timeZone);
      const [backups, printers] = await Promise.all([transport.call('backup.list', {}), transport.call('printers.list', {})]);
      if (backups.ok) set({ backups: backups.value });
      if (printers.ok) set({ printers: printers.value });
      await get().loadAudit();
    },

    setDraft(patch) {
      const draft = get().draft;
      if (draft) set({ draft: { ...draft, ...patch }, saved: false, problem: null });
    },

    async save() {
      const { settings, draft, saving } = get();
      if (!settings || !draft || saving) return;
      const patch = settingsPatch(settings, draft);
      if (!patch.ok) {
        set({ problem: { field: patch.field, key: patch.key } });
        return;
      }
      if (Object.keys(patch.input).length === 0) {
        set({ saved: true });
        return;
      }
      set({ saving: true, error: null });
      const result = await transport.call('settings.update', patch.input);
      set({ saving: false });
      if (!result.ok) {
        // The core's refusal of a field this form has is shown under that field.
        const field = result.error.field;
        if (field === 'taxId') {
          set({ problem: { field, key: draft.vatRegistered && draft.taxId.trim() === '' ? 'receipts.error.taxIdNeeded' : 'receipts.error.taxId' } });
          return;
        }
        set({ error: shownError(result.error) });
        return;
      }
      set({ settings: result.value, draft: draftOf(result.value), saved: true });
      onTimeZone?.(result.value.timeZone);
      void get().loadAudit();
    },

    async runBackup() {
      if (get().backupRunning) return;
      set({ backupRunning: true, backupError: null, lastBackup: null });
      const folder = get().draft?.backupFolder.trim();
      const result = await transport.call('backup.run', folder ? { folder } : {});
      set({ backupRunning: false });
      if (!result.ok) {
        set({ backupError: shownError(result.error) });
        return;
      }
      set({ lastBackup: result.value, backups: [result.value, ...get().backups.filter((b) => b.file !== result.value.file)] });
      void get().loadAudit();
    },

    askRestore(backup) {
      set({ restoreConfirm: backup, restored: null, backupError: null });
    },

    async restore() {
      const backup = get().restoreConfirm;
      if (!backup || get().restoring) return;
      set({ restoring: true, backupError: null });
      const result = await transport.call('backup.restore', { file: backup.file });
      set({ restoring: false, restoreConfirm: null });
      if (!result.ok) {
        set({ backupError: shownError(result.error) });
        return;
      }
      set({ restored: result.value });
      void get().loadAudit();
    },

    async loadAudit(more = false) {
      if (get().auditLoading) return;
      const before = more ? get().audit.at(-1)?.id : undefined;
      set({ auditLoading: true });
      const result = await transport.call('audit.list', before === undefined ? { limit: AUDIT_PAGE } : { limit: AUDIT_PAGE, beforeId: before });
      set({ auditLoading: false });
      if (!result.ok) return;
      const entries = more ? [...get().audit, ...result.value.filter((entry) => !get().audit.some((known) => known.id === entry.id))] : result.value;
      set({ audit: entries, auditMore: result.value.length === AUDIT_PAGE });
    },
  }));
}
