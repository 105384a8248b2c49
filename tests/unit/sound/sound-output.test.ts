import { describe, expect, it } from 'vitest';
import { announce } from '../../../renderer/ui/sound/announce';
import type { SoundPlayer } from '../../../renderer/ui/sound/sound-player';
import { pickLocalVoice, spokenAmount } from '../../../renderer/ui/sound/spoken-amount';
import { CUE_NOTES, cueLengthMs, gainForVolume } from '../../../renderer/ui/sound/tones';
import { DEFAULT_SOUND } from '../../../shared/receipt';

function recordingPlayer(voices: { th: boolean; en: boolean }) {
  const log: string[] = [];
  const player: SoundPlayer = {
    unlock: () => undefined,
    unlocked: () => true,
    play: (cue, volume) => void log.push(`play ${cue} ${volume}`),
    speak: (text, lang, volume) => {
      if (!voices[lang]) return false;
      log.push(`say ${lang} ${volume} ${text}`);
      return true;
    },
    hasLocalVoice: (lang) => voices[lang],
    onVoicesChanged: () => () => undefined,
  };
  return { player, log };
}

describe('the sounds', () => {
  it('says the amount in Thai and English, satang only when there are any', () => {
    expect(spokenAmount(24_500, 'th')).toBe('ได้รับเงิน 245 บาท');
    expect(spokenAmount(24_500, 'en')).toBe('Received 245 baht');
    expect(spokenAmount(124_550, 'th')).toBe('ได้รับเงิน 1245 บาท 50 สตางค์');
    expect(spokenAmount(1_005, 'en')).toBe('Received 10 baht 5 satang');
  });

  it('speaks only with a voice on this computer for the language, Thailand’s first', () => {
    const voices = [
      { lang: 'th-TH', localService: false, name: 'Cloud Thai' },
      { lang: 'en-US', localService: true, name: 'US', default: true },
      { lang: 'en-GB', localService: true, name: 'UK' },
      { lang: 'th_TH', localService: true, name: 'Kanya' },
    ];
    expect(pickLocalVoice(voices, 'th')?.name).toBe('Kanya');
    expect(pickLocalVoice(voices, 'en')?.name).toBe('UK');
    expect(pickLocalVoice(voices.slice(0, 3), 'th')).toBeNull(); // the network voice does not count
    expect(pickLocalVoice([], 'en')).toBeNull();
  });

  it('paid rises, failure falls and sits lower: two different sounds', () => {
    const [p1, p2] = CUE_NOTES.paid;
    const [f1, f2] = CUE_NOTES.failed;
    expect(p2!.frequency).toBeGreaterThan(p1!.frequency);
    expect(f2!.frequency).toBeLessThan(f1!.frequency);
    expect(Math.max(f1!.frequency, f2!.frequency)).toBeLessThan(Math.min(p1!.frequency, p2!.frequency));
    expect(cueLengthMs('paid')).toBe(860);
  });

  it('maps the volume to gain: 0 is silence, 100 full, in between by ear', () => {
    expect(gainForVolume(0)).toBe(0);
    expect(gainForVolume(100)).toBe(1);
    expect(gainForVolume(50)).toBe(0.25);
    expect(gainForVolume(150)).toBe(1);
    expect(gainForVolume(Number.NaN)).toBe(0);
  });

  it('chimes, then speaks the amount after the chime when asked; the failure tone says nothing', () => {
    const { player, log } = recordingPlayer({ th: true, en: true });
    const waits: number[] = [];
    const now = (run: () => void, ms: number): void => {
      waits.push(ms);
      run();
    };
    announce(player, { chime: true, speakAmount: true, volume: 60 }, 'paid', 24_500, 'th', now);
    announce(player, { chime: true, speakAmount: true, volume: 60 }, 'failed', 24_500, 'th', now);
    announce(player, { chime: true, speakAmount: false, volume: 60 }, 'paid', 24_500, 'en', now);
    expect(log).toEqual(['play paid 60', 'say th 60 ได้รับเงิน 245 บาท', 'play failed 60', 'play paid 60']);
    expect(waits).toEqual([cueLengthMs('paid')]);
  });

  it('plays the chime alone where the computer has no voice, and nothing when muted or at volume 0', () => {
    const { player, log } = recordingPlayer({ th: false, en: true });
    const now = (run: () => void): void => run();
    announce(player, { chime: true, speakAmount: true, volume: 60 }, 'paid', 24_500, 'th', now);
    announce(player, { ...DEFAULT_SOUND, chime: false, speakAmount: true }, 'paid', 24_500, 'en', now);
    announce(player, { ...DEFAULT_SOUND, volume: 0, speakAmount: true }, 'paid', 24_500, 'en', now);
    expect(log).toEqual(['play paid 60']);
  });
});
