// Turns a decision ("this sale just became paid") into sound, following the shop's settings.
import type { Lang } from '../../../shared/i18n/translate';
import type { SoundSettings } from '../../../shared/receipt';
import type { SoundPlayer } from './sound-player';
import { spokenAmount } from './spoken-amount';
import { cueLengthMs, gainForVolume, type SoundCue } from './tones';

/** Whether these settings make any sound at all: the chime switch is the master, volume 0 is silence. */
export function soundOn(settings: SoundSettings): boolean {
  return settings.chime && gainForVolume(settings.volume) > 0;
}

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
