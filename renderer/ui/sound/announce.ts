// Turns a decision ("this sale just became paid") into sound, following the shop's settings.
import type { Lang } from '../../../shared/i18n/translate';
import type { SoundSettings } from '../../../shared/receipt';
import { soundOn, type SoundOutput } from '../../state/paid-sound';
import { installAudioUnlock, pageWindow, soundPlayer, type SoundPlayer } from './sound-player';
import { spokenAmount } from './spoken-amount';
import { cueLengthMs, type SoundCue } from './tones';

export { soundOn };

/**
 * Plays the cue; for a paid sale with "speak the amount" on, says the amount once the chime has rung
 * (speech over the chime is hard to make out in a noisy shop).
 */
export function announce(
  player: SoundPlayer,
  settings: SoundSettings,
  cue: SoundCue,
  amountSatang: number | null,
  lang: Lang,
  later: (run: () => void, ms: number) => void = (run, ms) => void setTimeout(run, ms),
): void {
  if (!soundOn(settings)) return;
  player.play(cue, settings.volume);
  if (cue === 'paid' && settings.speakAmount && amountSatang !== null) {
    const text = spokenAmount(amountSatang, lang);
    later(() => void player.speak(text, lang, settings.volume), cueLengthMs(cue));
  }
}

let pageOutput: SoundOutput | null = null;

/**
 * The page's sound: the Web Audio player, unlocked by the first key or tap on the page (browsers keep
 * audio off until then). Silent where there is no page (a store built under Node in tests).
 */
export function pageSoundOutput(): SoundOutput {
  if (pageOutput) return pageOutput;
  const win = pageWindow();
  if (!win) return () => undefined;
  const player = soundPlayer();
  installAudioUnlock(win, player);
  pageOutput = (announcement, settings, lang) => announce(player, settings, announcement.cue, announcement.sale.amount, lang);
  return pageOutput;
}
