// A setup refusal in the screen's language (no JSX, so Node tests can read the words too).
import { setupRefusalMessage, type SetupRefusal } from '../../state/setup-store';
import type { T } from '../../ui/translator';

/** "test"/"live" in the screen's words. */
export function modeWord(t: T, mode: 'test' | 'live' | 'demo'): string {
  return t(`setup.mode.${mode}`);
}

/** What the refusal says in the screen's language, from the core's facts. */
export function refusalText(t: T, refusal: SetupRefusal): string {
  const message = setupRefusalMessage(refusal);
  return t(message.key, {
    permissions: (message.permissions ?? []).join(', '),
    keyMode: message.keyMode ? modeWord(t, message.keyMode) : '',
    chosen: message.chosenMode ? modeWord(t, message.chosenMode) : '',
  });
}
