// "Update ready": shown on the till when the desktop app has downloaded an update; a manager installs it
// between sales. Stub: the auto-update work fills it in.
import type { T } from '../ui/translator';

export function UpdateBanner(_props: { t: T }) {
  return null;
}
