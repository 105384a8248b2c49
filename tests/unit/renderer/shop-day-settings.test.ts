// A manager's settings reach the till without a reload: the day start hour (what "today" is) and
// whether hand-confirmed PromptPay can be offered (the shop's PromptPay ID is set).
import { RECEIPT_SETTING_DEFAULTS } from '../../../shared/receipt';
import { describe, expect, it } from 'vitest';
import { createAppStores } from '../../../renderer/state/app-stores';
import type { ShopSettings } from '../../../shared/manager-types';
import { createFakeTransport, demoInfo } from './fake-transport';

const saved: ShopSettings = {
  shopName: 'Baan Kafe', timeZone: 'Asia/Bangkok', dayStartHour: 0, promptPayId: null, qrTimeoutSeconds: 600, backupFolder: null, backupTime: null, ...RECEIPT_SETTING_DEFAULTS,
};

describe('shop settings on the till', () => {
  it('offers PromptPay by hand as soon as a manager sets the PromptPay ID, and follows the day start hour', async () => {
    const transport = createFakeTransport();
    let settings = saved;
    transport.handle('settings.get', () => ({ ok: true, value: settings }));
    const stores = createAppStores({ transport, lang: 'en' });
    stores.cashier.setState({ info: { ...demoInfo, promptPayReady: false } });

    await stores.settings.getState().load();
    expect(stores.cashier.getState().info?.promptPayReady).toBe(false);
    expect(stores.zone.getState().dayStartHour).toBe(0);

    settings = { ...saved, promptPayId: '0812345678', dayStartHour: 4 };
    await stores.settings.getState().load();
    expect(stores.cashier.getState().info?.promptPayReady).toBe(true);
    expect(stores.zone.getState().dayStartHour).toBe(4);

    settings = { ...saved, promptPayId: null, dayStartHour: 4 };
    await stores.settings.getState().load();
    expect(stores.cashier.getState().info?.promptPayReady).toBe(false);
  });

  it("takes the day start hour from app.info, so the till's today follows it from the first screen", async () => {
    const transport = createFakeTransport();
    transport.handle('app.info', () => ({ ok: true, value: { ...demoInfo, dayStartHour: 5 } }));
    const stores = createAppStores({ transport, lang: 'en' });
    await stores.auth.getState().load();
    expect(stores.zone.getState().dayStartHour).toBe(5);
  });
});
