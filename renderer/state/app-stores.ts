// Builds every store of the cashier app around one transport: the raw one for sign-in, a guarded
// one (unauthorized → sign-in, forbidden → manager PIN, then retry) for everything else.
import type { Lang } from '../../shared/i18n/translate';
import type { RendererTransport } from '../transport/renderer-transport';
import { createAuthStore, type AuthStore } from './auth-store';
import { createCashierStore, type CashierStore } from './cashier-store';
import { createDesktopStore, type DesktopStore } from './desktop-store';
import { createDisplaysStore, type DisplaysStore } from './displays-store';
import { EXPORT_POLL_MS, createExportStore, type ExportStore } from './export-store';
import { createGuardedTransport } from './guarded-transport';
import { createHistoryStore, type HistoryStore } from './history-store';
import { createPaymentPathStore, type PaymentPathStore } from './payment-path-store';
import { createPeopleStore, type PeopleStore } from './people-store';
import { createPeriodReportStore, type PeriodReportStore } from './period-report-store';
import { createReportStore, type ReportStore } from './report-store';
import { keepSaleDraft } from './sale-draft';
import { createSaleDetailStore, type SaleDetailStore } from './sale-detail-store';
import { createSettingsStore, type SettingsStore } from './settings-store';
import { createSetupStore, type SetupStore } from './setup-store';
import { createShiftStore, type ShiftStore } from './shift-store';
import { createShopZoneStore, type ShopZoneStore } from './shop-zone-store';
import { createStripeApprovalStore, type StripeApprovalStore } from './stripe-approval-store';
import { createZReportStore, type ZReportStore } from './z-report-store';
import { createUpdateStore, type UpdateStore } from './update-store';
import { followCashierSound, sameSound } from './paid-sound-screens';
import { pageSoundOutput } from '../ui/sound/announce';

export interface AppStores {
  transport: RendererTransport;
  auth: AuthStore;
  cashier: CashierStore;
  zone: ShopZoneStore;
  history: HistoryStore;
  detail: SaleDetailStore;
  report: ReportStore;
  period: PeriodReportStore;
  exports: ExportStore;
  people: PeopleStore;
  settings: SettingsStore;
  path: PaymentPathStore;
  displays: DisplaysStore;
  /** This computer's screens: the customer display's monitor and kiosk mode (desktop app). */
  desktop: DesktopStore;
  stripeApproval: StripeApprovalStore;
  shift: ShiftStore;
  zreports: ZReportStore;
  /** The app's own update (the "update ready" strip). */
  updates: UpdateStore;
  /** The first-run wizard and Settings' Stripe and webhook sections. */
  setup: SetupStore;
  /** Subscribes the manager stores to events and starts the export poller; returns the stop function. */
  start(): () => void;
}

export function createAppStores(options: { transport: RendererTransport; lang: Lang; persistLang?: (lang: Lang) => void }): AppStores {
  const raw = options.transport;
  const auth = createAuthStore({ transport: raw });
  const transport = createGuardedTransport(raw, {
    onUnauthorized: () => auth.getState().handleUnauthorized(),
    requestElevation: (op) => auth.getState().requestElevation(op),
  });
  const zone = createShopZoneStore();
  // The shop's zone comes with app.info, so "today" is the shop's today from the first screen on.
  auth.subscribe((state) => {
    const shopZone = state.info?.timeZone;
    if (shopZone && shopZone !== zone.getState().timeZone) zone.getState().setTimeZone(shopZone);
    const startHour = state.info?.dayStartHour;
    if (startHour !== undefined && startHour !== zone.getState().dayStartHour) zone.getState().setDayStartHour(startHour);
  });
  const timeZone = (): string => zone.getState().timeZone;
  const dayStartHour = (): number => zone.getState().dayStartHour;
  const onTimeZone = (next: string): void => zone.getState().setTimeZone(next);
  const cashier = createCashierStore({ transport, lang: options.lang, persistLang: options.persistLang });
  // The amount being typed survives a reload of the page (the desktop shell reloads a crashed screen).
  keepSaleDraft(cashier);
  const settings = createSettingsStore({ transport, onTimeZone });
  // A manager's change in Settings reaches the till at once: the day start hour, whether the
  // shop's PromptPay ID is set (hand-confirmed PromptPay becomes available without a reload), and the
  // paid sound (the next sale is heard, or not, as just set).
  settings.subscribe((state) => {
    const saved = state.settings;
    if (!saved) return;
    if (saved.dayStartHour !== zone.getState().dayStartHour) zone.getState().setDayStartHour(saved.dayStartHour);
    const info = cashier.getState().info;
    const ready = saved.promptPayId !== null;
    if (info && (info.promptPayReady !== ready || !sameSound(info.sound, saved.sound))) {
      cashier.setState({ info: { ...info, promptPayReady: ready, sound: saved.sound } });
    }
  });
  const stores = {
    transport,
    auth,
    cashier,
    zone,
    history: createHistoryStore({ transport, timeZone, dayStartHour }),
    detail: createSaleDetailStore({ transport }),
    report: createReportStore({ transport, timeZone, dayStartHour, onTimeZone }),
    period: createPeriodReportStore({ transport, timeZone, dayStartHour }),
    exports: createExportStore({ transport, timeZone, dayStartHour }),
    people: createPeopleStore({ transport }),
    settings,
    path: createPaymentPathStore({ transport: raw }),
    displays: createDisplaysStore({ transport }),
    desktop: createDesktopStore({ transport }),
    shift: createShiftStore({ transport }),
    updates: createUpdateStore({ transport, ensureManager: (op) => auth.getState().ensureManager(op) }),
    setup: createSetupStore({ transport }),
    zreports: createZReportStore({ transport, timeZone, dayStartHour, tillId: () => auth.getState().info?.tillId ?? null }),
    stripeApproval: createStripeApprovalStore({
      transport: raw,
      // The core answers with the till's new state: the banner goes and charging resumes.
      onApproved: (info) => {
        cashier.setState({ info, error: null });
        auth.setState({ info });
      },
      onSessionLost: () => auth.getState().handleUnauthorized(),
    }),
  };
  return {
    ...stores,
    start() {
      const stopEvents = transport.subscribe((event) => {
        stores.history.getState().onEvent(event);
        stores.detail.getState().onEvent(event);
        stores.exports.getState().onEvent(event);
        stores.shift.getState().onEvent(event);
        if (event.type === 'setup.updated') stores.setup.getState().onStatus(event.data);
        stores.desktop.getState().onEvent(event);
      });
      const stopPath = stores.path.getState().start();
      const stopUpdates = stores.updates.getState().start();
      // The sound of being paid (renderer/state/paid-sound.ts decides; the page's Web Audio plays).
      const stopSound = followCashierSound({ transport: raw, cashier, output: pageSoundOutput() });
      let polling = false;
      const poller = setInterval(() => {
        if (polling || !stores.exports.getState().jobs.some((job) => job.status === 'running')) return;
        polling = true;
        void stores.exports
          .getState()
          .poll()
          .finally(() => (polling = false));
      }, EXPORT_POLL_MS);
      void auth.getState().load();
      return () => {
        stopEvents();
        stopPath();
        stopUpdates();
        stopSound();
        clearInterval(poller);
      };
    },
  };
}
