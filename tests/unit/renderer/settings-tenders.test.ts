import { RECEIPT_SETTING_DEFAULTS } from '../../../shared/receipt';
import { describe, expect, it } from 'vitest';
import type { ShopSettings } from '../../../shared/manager-types';
import { checkPromptPayId, createSettingsStore, draftOf, formatPromptPayId, settingsPatch } from '../../../renderer/state/settings-store';
import { createFakeTransport } from './fake-transport';

const settings: ShopSettings = {
  shopName: 'Baan Kafe',
  timeZone: 'Asia/Bangkok',
  dayStartHour: 0,
  promptPayId: null,
  ...RECEIPT_SETTING_DEFAULTS,
  qrTimeoutSeconds: 600,
  backupFolder: null,
  backupTime: null,
};

describe('the shop’s PromptPay ID, checked as typed', () => {
  it('takes a phone number, a 13-digit ID with its check digit and a 15-digit e-wallet, with or without dashes', () => {
    expect(checkPromptPayId('081-234-5678')).toEqual({ state: 'ok', id: '0812345678', kind: 'phone' });
    expect(checkPromptPayId('1 1017 00203 45 0')).toEqual({ state: 'ok', id: '1101700203450', kind: 'nationalId' });
    expect(checkPromptPayId('123456789012345')).toEqual({ state: 'ok', id: '123456789012345', kind: 'ewallet' });
  });

  it('says a 13-digit typo fails its check digit, waits while digits are still coming, and refuses letters or a phone not from 0', () => {
    expect(checkPromptPayId('1101700203451')).toEqual({ state: 'bad', key: 'settings.error.promptPayChecksum' });
    expect(checkPromptPayId('08123')).toEqual({ state: 'typing' });
    expect(checkPromptPayId('abc')).toEqual({ state: 'bad', key: 'settings.error.promptPayId' });
    expect(checkPromptPayId('1812345678')).toEqual({ state: 'bad', key: 'settings.error.promptPayId' });
    expect(checkPromptPayId('1234567890123456')).toEqual({ state: 'bad', key: 'settings.error.promptPayId' });
    expect(checkPromptPayId('  ')).toEqual({ state: 'empty' });
  });

  it('is shown as people write it', () => {
    expect(formatPromptPayId('0812345678')).toBe('081-234-5678');
    expect(formatPromptPayId('1101700203450')).toBe('1-1017-00203-45-0');
    expect(formatPromptPayId('123456789012345')).toBe('12345-67890-12345');
  });
});

describe('settings patch for the tenders', () => {
  it('sends the ID as digits, null when emptied, and the start hour as a number; nothing when unchanged', () => {
    const draft = draftOf(settings);
    expect(settingsPatch(settings, draft)).toEqual({ ok: true, input: {} });
    expect(settingsPatch(settings, { ...draft, promptPayId: '081-234-5678', dayStartHour: '4' })).toEqual({ ok: true, input: { promptPayId: '0812345678', dayStartHour: 4 } });
    const set = { ...settings, promptPayId: '0812345678', dayStartHour: 4 };
    expect(draftOf(set)).toMatchObject({ promptPayId: '081-234-5678', dayStartHour: '4' });
    expect(settingsPatch(set, { ...draftOf(set), promptPayId: '' })).toEqual({ ok: true, input: { promptPayId: null } });
  });

  it('refuses an ID that is not one, a half-typed one, and an hour past 11, naming the field', () => {
    const draft = draftOf(settings);
    expect(settingsPatch(settings, { ...draft, promptPayId: '1101700203451' })).toEqual({ ok: false, field: 'promptPayId', key: 'settings.error.promptPayChecksum' });
    expect(settingsPatch(settings, { ...draft, promptPayId: '0812' })).toEqual({ ok: false, field: 'promptPayId', key: 'settings.error.promptPayId' });
    expect(settingsPatch(settings, { ...draft, dayStartHour: '12' })).toEqual({ ok: false, field: 'dayStartHour', key: 'settings.error.dayStartHour' });
  });

  it('a bad ID changes nothing at the core; a good one is saved and shown formatted', async () => {
    const transport = createFakeTransport();
    let current = settings;
    transport.handle('settings.get', () => ({ ok: true, value: current }));
    transport.handle('settings.update', (input) => {
      current = { ...current, ...input } as ShopSettings;
      return { ok: true, value: current };
    });
    transport.handle('backup.list', () => ({ ok: true, value: [] }));
    transport.handle('audit.list', () => ({ ok: true, value: [] }));
    const store = createSettingsStore({ transport });
    await store.getState().load();
    store.getState().setDraft({ promptPayId: '1101700203451' });
    await store.getState().save();
    expect(store.getState().problem).toEqual({ field: 'promptPayId', key: 'settings.error.promptPayChecksum' });
    expect(transport.callsOf('settings.update')).toEqual([]);
    store.getState().setDraft({ promptPayId: '1101700203450', dayStartHour: '4' });
    await store.getState().save();
    expect(transport.callsOf('settings.update')).toEqual([{ promptPayId: '1101700203450', dayStartHour: 4 }]);
    expect(store.getState().draft).toMatchObject({ promptPayId: '1-1017-00203-45-0', dayStartHour: '4' });
    expect(store.getState().saved).toBe(true);
  });
});
