// "Play test sound" for the sound settings: plays what a paid sale will sound like with the settings
// as they stand in the form (not yet saved), so a manager can set the volume by ear. Says when the
// sound is off, and whether this computer can speak the amount offline in the screen's language.
import { useCallback, useSyncExternalStore } from 'react';
import type { Lang } from '../../../shared/i18n/translate';
import type { SoundSettings } from '../../../shared/receipt';
import { translatorFor } from '../translator';
import { announce, soundOn } from './announce';
import { soundPlayer } from './sound-player';

/** The amount the preview says: ฿245, the issue's own example. */
const PREVIEW_SATANG = 24_500;

/** Whether a local voice speaks `lang`; follows the system's voice list, which browsers load late. */
function useLocalVoice(lang: Lang): boolean {
  const subscribe = useCallback((changed: () => void) => soundPlayer().onVoicesChanged(changed), []);
  return useSyncExternalStore(subscribe, () => soundPlayer().hasLocalVoice(lang));
}

export function SoundPreviewButton({ sound, lang }: { sound: SoundSettings; lang: Lang }) {
  const t = translatorFor(lang);
  const on = soundOn(sound);
  const hasVoice = useLocalVoice(lang);
  const play = (cue: 'paid' | 'failed'): void => {
    const player = soundPlayer();
    player.unlock(); // a click is the gesture browsers wait for
    announce(player, sound, cue, cue === 'paid' ? PREVIEW_SATANG : null, lang);
  };
  return (
    <div className="sound-preview" data-testid="sound-preview" style={{ display: 'grid', gap: 8, marginTop: 4 }}>
      <div className="sound-preview__buttons" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <button type="button" className="btn btn--sm btn--muted-soft" data-testid="sound-preview-paid" disabled={!on} onClick={() => play('paid')}>
          {t('sound.preview')}
        </button>
        <button type="button" className="btn btn--sm btn--muted-soft" data-testid="sound-preview-failed" disabled={!on} onClick={() => play('failed')}>
          {t('sound.previewFailed')}
        </button>
      </div>
      {on ? null : (
        <p className="subtle" data-testid="sound-preview-off">
          {t('sound.off')}
        </p>
      )}
      {on && sound.speakAmount ? (
        <p className={hasVoice ? 'subtle' : 'field-problem'} data-testid="sound-voice-state" data-voice={hasVoice ? 'local' : 'none'}>
          {t(hasVoice ? 'sound.voiceReady' : 'sound.noVoice')}
        </p>
      ) : null}
      <p className="subtle">{t('sound.displayTap')}</p>
    </div>
  );
}
