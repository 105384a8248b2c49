// Plays the cues with Web Audio and speaks with the system's speech synthesis. One player per page
// (one AudioContext). Browsers keep audio suspended until the person touches the page, so the first
// key or tap unlocks it (`installAudioUnlock`); a cue that cannot play at once is dropped rather than
// queued, so nobody hears a "paid" chime minutes after the fact.
import type { Lang } from '../../../shared/i18n/translate';
import { pickLocalVoice } from './spoken-amount';
import { CUE_NOTES, gainForVolume, type SoundCue } from './tones';

/** A cue asked for while the context is still waking up plays only if it wakes this soon. */
const LATE_LIMIT_MS = 800;

export interface SoundPlayer {
  /** Creates or resumes the AudioContext; call from a key press or tap (a user gesture). */
  unlock(): void;
  /** Whether audio can play now (false until the page has been touched, where the browser requires it). */
  unlocked(): boolean;
  play(cue: SoundCue, volume: number): void;
  /** Speaks with a local voice of the language; false (nothing said) when the computer has none. */
  speak(text: string, lang: Lang, volume: number): boolean;
  hasLocalVoice(lang: Lang): boolean;
  /** Calls back when the system's voice list changes (browsers load it after the page). */
  onVoicesChanged(listener: () => void): () => void;
}

type AudioContextClass = new () => AudioContext;
/** The page's window (its constructors included); tests may hand in their own. */
export type SoundWindow = Window & typeof globalThis;

function audioContextClass(win: SoundWindow): AudioContextClass | null {
  const scope = win as SoundWindow & { webkitAudioContext?: AudioContextClass };
  return (win.AudioContext as AudioContextClass | undefined) ?? scope.webkitAudioContext ?? null;
}

function schedule(context: AudioContext, cue: SoundCue, volume: number): void {
  const gain = gainForVolume(volume);
  if (gain === 0) return;
  const start = context.currentTime + 0.02;
  for (const note of CUE_NOTES[cue]) {
    const oscillator = context.createOscillator();
    const envelope = context.createGain();
    oscillator.type = note.wave;
    oscillator.frequency.value = note.frequency;
    const t = start + note.at;
    // A fast attack and an exponential fall: a struck bell, without the click of a hard edge.
    envelope.gain.setValueAtTime(0.0001, t);
    envelope.gain.exponentialRampToValueAtTime(note.peak * gain, t + 0.012);
    envelope.gain.exponentialRampToValueAtTime(0.0001, t + note.duration);
    oscillator.connect(envelope).connect(context.destination);
    oscillator.start(t);
    oscillator.stop(t + note.duration + 0.05);
  }
}

export function createSoundPlayer(win: SoundWindow): SoundPlayer {
  let context: AudioContext | null = null;
  const speech = 'speechSynthesis' in win ? win.speechSynthesis : null;

  const ensureContext = (): AudioContext | null => {
    if (context) return context;
    const Context = audioContextClass(win);
    if (!Context) return null;
    try {
      context = new Context();
    } catch {
      return null; // no audio device: the till works silently
    }
    return context;
  };

  const voices = (): SpeechSynthesisVoice[] => {
    try {
      return speech ? speech.getVoices() : [];
    } catch {
      return [];
    }
  };

  return {
    unlock() {
      const ctx = ensureContext();
      if (ctx && ctx.state !== 'running') void ctx.resume().catch(() => undefined);
    },
    unlocked() {
      return context?.state === 'running';
    },
    play(cue, volume) {
      if (gainForVolume(volume) === 0) return;
      const ctx = ensureContext();
      if (!ctx) return;
      if (ctx.state === 'running') {
        schedule(ctx, cue, volume);
        return;
      }
      const askedAt = win.performance.now();
      void ctx
        .resume()
        .then(() => {
          if (win.performance.now() - askedAt <= LATE_LIMIT_MS) schedule(ctx, cue, volume);
        })
        .catch(() => undefined);
    },
    speak(text, lang, volume) {
      const voice = pickLocalVoice(voices(), lang);
      if (!speech || !voice || gainForVolume(volume) === 0) return false;
      const utterance = new win.SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.volume = Math.min(1, Math.max(0, volume / 100));
      utterance.rate = 0.95;
      speech.speak(utterance);
      return true;
    },
    hasLocalVoice(lang) {
      return pickLocalVoice(voices(), lang) !== null;
    },
    onVoicesChanged(listener) {
      if (!speech) return () => undefined;
      speech.addEventListener('voiceschanged', listener);
      return () => speech.removeEventListener('voiceschanged', listener);
    },
  };
}

let pagePlayer: SoundPlayer | null = null;

/** The page's one player (one AudioContext per page: browsers limit how many may exist). */
export function soundPlayer(): SoundPlayer {
  pagePlayer ??= createSoundPlayer(window);
  return pagePlayer;
}

/**
 * Unlocks audio on the first key press, tap or click on the page (capture phase, so no screen can
 * swallow it first), then stops listening once audio runs. Returns the stop function.
 */
export function installAudioUnlock(win: Window, player: SoundPlayer): () => void {
  const events = ['pointerdown', 'keydown', 'touchend'] as const;
  const onGesture = (): void => {
    player.unlock();
    if (player.unlocked()) stop();
  };
  const stop = (): void => {
    for (const name of events) win.removeEventListener(name, onGesture, true);
  };
  for (const name of events) win.addEventListener(name, onGesture, true);
  return stop;
}
