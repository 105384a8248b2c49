// This computer: which monitor shows the customer display, and kiosk mode (desktop app only).
// Mounted by the setup wizard's last step and by Settings. Stub: the desktop-screens work fills it in.
import type { T } from '../../ui/translator';

export function ThisComputerSection(_props: { t: T }) {
  return null;
}
