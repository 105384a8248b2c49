// This computer: which monitor shows the customer display, and kiosk mode (desktop app only).
// Mounted by the setup wizard's last step and by Settings. The monitors are drawn to scale as the
// desktop arranges them; each one that can take the customer display is a big button.
import { useEffect } from 'react';
import type { DesktopInfo } from '../../../shared/setup';
import { customerNowKey, monitorTiles, type MonitorTile } from '../../state/desktop-store';
import { ErrorNote } from '../../ui/ErrorNote';
import type { T } from '../../ui/translator';
import { useAppStores, useSlice } from '../app-stores-context';
// This section's stylesheet, bundled by Vite with the section (Settings and the wizard both mount it).
// oxlint-disable-next-line import/no-unassigned-import
import './this-computer.css';

/** The picture's width / height (the tiles are placed inside it in percent). */
const MAP_ASPECT = 3;

function tileName(tile: MonitorTile, t: T): string {
  return tile.display.label || t('desktop.monitor.name', { n: tile.number });
}

function MonitorButton({ tile, info, busy, t, choose }: { tile: MonitorTile; info: DesktopInfo; busy: boolean; t: T; choose: (id: number) => void }) {
  const { display } = tile;
  const chosen = info.customerDisplay === display.id;
  const customer = info.customerDisplayNow === display.id;
  const size = t('desktop.monitor.size', { width: display.width, height: display.height });
  const marks = [display.till ? t('desktop.monitor.till') : null, customer ? t('desktop.monitor.customer') : null].filter(Boolean).join(' · ');
  return (
    <button
      type="button"
      role="radio"
      aria-checked={chosen}
      // The till's own monitor is shown but cannot be chosen: the customer display would cover the till.
      disabled={display.till || busy}
      aria-label={[tileName(tile, t), size, marks].filter(Boolean).join(', ')}
      className={`monitor-tile${display.till ? ' is-till' : ''}${customer ? ' is-customer' : ''}${chosen ? ' is-chosen' : ''}`}
      style={{ left: `${tile.left}%`, top: `${tile.top}%`, width: `${tile.width}%`, height: `${tile.height}%` }}
      data-testid={`monitor-${display.id}`}
      onClick={() => choose(display.id)}
    >
      <span className="monitor-tile__name">{tileName(tile, t)}</span>
      <span className="monitor-tile__size">{size}</span>
      {display.till ? <span className="monitor-tile__mark monitor-tile__mark--till">{t('desktop.monitor.till')}</span> : null}
      {customer ? <span className="monitor-tile__mark monitor-tile__mark--customer">{t('desktop.monitor.customer')}</span> : null}
    </button>
  );
}

export function ThisComputerSection({ t }: { t: T }) {
  const store = useAppStores().desktop;
  const info = useSlice('desktop', (s) => s.info);
  const loading = useSlice('desktop', (s) => s.loading);
  const saving = useSlice('desktop', (s) => s.saving);
  const error = useSlice('desktop', (s) => s.error);
  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const head = (
    <h2 className="section-title" id="this-computer-title">
      {t('desktop.title')}
    </h2>
  );
  if (!info) {
    return (
      <section className="card stack this-computer" aria-labelledby="this-computer-title" data-testid="this-computer">
        {head}
        {loading ? <p className="subtle">{t('desktop.loading')}</p> : null}
        <ErrorNote error={error} t={t} testId="this-computer-error" />
      </section>
    );
  }
  if (!info.available) {
    return (
      <section className="card stack this-computer" aria-labelledby="this-computer-title" data-testid="this-computer">
        {head}
        <p className="this-computer__browser" data-testid="this-computer-browser">
          {t('desktop.browser')}
        </p>
      </section>
    );
  }

  const tiles = monitorTiles(info.displays, MAP_ASPECT);
  const choose = (display: DesktopInfo['customerDisplay']) => void store.getState().chooseDisplay(display);
  const shownTile = tiles.find((tile) => tile.display.id === info.customerDisplayNow);
  const busy = saving !== null;
  const nowKey = customerNowKey(info);
  return (
    <section className="card stack this-computer" aria-labelledby="this-computer-title" data-testid="this-computer">
      {head}
      <h3 className="this-computer__heading">{t('desktop.customer.heading')}</h3>
      <p className="subtle">{t('desktop.customer.lead')}</p>
      <div className="this-computer__choices" role="radiogroup" aria-label={t('desktop.choice.group')}>
        <div className="monitor-map" style={{ aspectRatio: `${MAP_ASPECT}` }} data-testid="monitor-map">
          {tiles.map((tile) => (
            <MonitorButton key={tile.display.id} tile={tile} info={info} busy={busy} t={t} choose={choose} />
          ))}
        </div>
        <div className="this-computer__modes">
          {(['auto', 'off'] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              role="radio"
              aria-checked={info.customerDisplay === mode}
              disabled={busy}
              className={`this-computer__mode${info.customerDisplay === mode ? ' is-chosen' : ''}`}
              data-testid={`customer-display-${mode}`}
              onClick={() => choose(mode)}
            >
              <span className="this-computer__mode-name">{t(mode === 'auto' ? 'desktop.choice.auto' : 'desktop.choice.off')}</span>
              <span className="this-computer__mode-help">{t(mode === 'auto' ? 'desktop.choice.autoHelp' : 'desktop.choice.offHelp')}</span>
            </button>
          ))}
        </div>
      </div>
      <p className="this-computer__now" role="status" data-testid="this-computer-now">
        {t(nowKey, { monitor: shownTile ? tileName(shownTile, t) : '' })}
      </p>
      {nowKey === 'desktop.now.closed' ? (
        <button
          type="button"
          className="btn btn--primary this-computer__reopen"
          disabled={busy}
          data-testid="customer-display-reopen"
          onClick={() => void store.getState().showCustomerDisplayAgain()}
        >
          {t('desktop.reopen')}
        </button>
      ) : null}
      {info.displays.length > 1 ? <p className="subtle">{t('desktop.monitor.tillNote')}</p> : null}
      <ErrorNote error={error} t={t} testId="this-computer-error" />

      <h3 className="this-computer__heading">{t('desktop.kiosk.heading')}</h3>
      <button
        type="button"
        role="switch"
        aria-checked={info.kiosk}
        disabled={busy}
        className={`this-computer__switch${info.kiosk ? ' is-on' : ''}`}
        data-testid="kiosk-switch"
        onClick={() => void store.getState().setKiosk(!info.kiosk)}
      >
        <span className="this-computer__switch-track" aria-hidden="true">
          <span className="this-computer__switch-knob" />
        </span>
        <span>{t('desktop.kiosk.switch')}</span>
      </button>
      <p className="subtle">{t('desktop.kiosk.lead')}</p>
      <p className="subtle">{t('desktop.kiosk.limits')}</p>
    </section>
  );
}
