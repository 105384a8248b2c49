// The daily backup at settings.backupTime in the shop's zone. One unref'd timer, re-armed after each
// run and whenever the settings change, so it never keeps the process alive.
import { TZDate } from '@date-fns/tz';
import type { ShopSettings } from '../../../shared/manager-types';
import { localParts } from '../reports/business-day';

/** The next instant (epoch ms, after `now`) at which the local clock in `timeZone` reads `time` (HH:MM). */
export function nextBackupAt(time: string, timeZone: string, now: number): number {
  const [hour, minute] = time.split(':').map(Number);
  const [y, m, d] = localParts(now, timeZone).date.split('-').map(Number);
  for (let offset = 0; offset <= 2; offset++) {
    const at = new TZDate(y, m - 1, d + offset, hour, minute, 0, timeZone).getTime();
    if (at > now) return at;
  }
  return now + 24 * 60 * 60 * 1000;
}

export class BackupSchedule {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly settings: () => ShopSettings,
    private readonly runBackup: () => Promise<unknown>,
    private readonly log: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** (Re)arms the timer for the given settings; a null backupTime means no scheduled backup. */
  arm(): number | null {
    const settings = this.settings();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped || !settings.backupTime) return null;
    const at = nextBackupAt(settings.backupTime, settings.timeZone, this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runBackup()
        .catch((error: unknown) => this.log(`Scheduled backup failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.arm());
    }, at - this.now());
    this.timer.unref?.();
    return at;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
