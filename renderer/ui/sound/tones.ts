// The till's two sounds, as notes for Web Audio to synthesise: no audio files to ship or load, so they
// play offline and the same on every computer.
import type { SoundCue } from '../../state/paid-sound';

export type { SoundCue };

export interface ToneNote {
  /** Hz. */
  frequency: number;
  /** Seconds after the cue starts. */
  at: number;
  /** Seconds until the note has died away. */
  duration: number;
  wave: 'sine' | 'triangle';
  /** Gain at full volume (several notes overlap, so each stays well under 1). */
  peak: number;
}

/**
 * Paid: two rising bell-like notes (G5 then C6), bright and short, the "ding-ding" shop staff know
 * from bank apps. Failed/expired: two falling, lower, softer-edged notes (A4 then E4), unmistakably
 * not the paid sound even from across the shop.
 */
export const CUE_NOTES: Readonly<Record<SoundCue, readonly ToneNote[]>> = {
  paid: [
    { frequency: 783.99, at: 0, duration: 0.45, wave: 'sine', peak: 0.32 },
    { frequency: 1046.5, at: 0.16, duration: 0.7, wave: 'sine', peak: 0.32 },
  ],
  failed: [
    { frequency: 440, at: 0, duration: 0.3, wave: 'triangle', peak: 0.3 },
    { frequency: 329.63, at: 0.24, duration: 0.55, wave: 'triangle', peak: 0.3 },
  ],
};

/** How long a cue lasts (ms): speech starts after the chime, not over it. */
export function cueLengthMs(cue: SoundCue): number {
  return Math.round(Math.max(...CUE_NOTES[cue].map((note) => note.at + note.duration)) * 1000);
}

/**
 * The gain for the settings' volume (0–100). Loudness is heard roughly logarithmically, so the slider
 * is squared: 50 sounds about half as loud as 100 instead of barely quieter. 0 is silence.
 */
export function gainForVolume(volume: number): number {
  const clamped = Math.min(100, Math.max(0, Number.isFinite(volume) ? volume : 0));
  return (clamped / 100) ** 2;
}
