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

// The few Web Audio and speech pieces used, described by shape rather than by the DOM's types, so
// the stores that start the sound also compile (and run silently) under Node in tests.
interface AudioParamLike {
  value: number;
  setValueAtTime(value: number, time: number): unknown;
  exponentialRampToValueAtTime(value: number, time: number): unknown;
}
interface GainLike {
  gain: AudioParamLike;
  connect(destination: unknown): unknown;
}
interface OscillatorLike {
  type: string;
  frequency: AudioParamLike;
  connect(destination: unknown): unknown;
  start(when: number): void;
  stop(when: number): void;
}
interface AudioContextLike {
  readonly state: string;
  readonly currentTime: number;
  readonly destination: unknown;
  resume(): Promise<void>;
  createOscillator(): OscillatorLike;
  createGain(): GainLike;
}
interface VoiceOnSystem {
  lang: string;
  localService: boolean;
  default: boolean;
}
interface UtteranceLike {
  voice: unknown;
  lang: string;
  volume: number;
  rate: number;
}
interface SpeechLike {
  getVoices(): VoiceOnSystem[];
  speak(utterance: UtteranceLike): void;
  addEventListener(name: 'voiceschanged', listener: () => void): void;
  removeEventListener(name: 'voiceschanged', listener: () => void): void;
}
type AudioContextClass = new () => AudioContextLike;

/** The page's window, as far as sound goes (tests may hand in their own). */
export interface SoundWindow {
  AudioContext?: AudioContextClass;
  webkitAudioContext?: AudioContextClass;
  speechSynthesis?: SpeechLike;
  SpeechSynthesisUtterance?: new (text: string) => UtteranceLike;
  performance: { now(): number };
  addEventListener(name: string, listener: () => void, capture: boolean): void;
  removeEventListener(name: string, listener: () => void, capture: boolean): void;
}

function audioContextClass(win: SoundWindow): AudioContextClass | null {
  return win.AudioContext ?? win.webkitAudioContext ?? null;
}

function schedule(context: AudioContextLike, cue: SoundCue, volume: number): void {
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
    oscillator.connect(envelope);
    envelope.connect(context.destination);
    oscillator.start(t);
    oscillator.stop(t + note.duration + 0.05);
  }
}

export function createSoundPlayer(win: SoundWindow): SoundPlayer {
  let context: AudioContextLike | null = null;
  const speech = win.speechSynthesis ?? null;

  const ensureContext = (): AudioContextLike | null => {
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

  const voices = (): VoiceOnSystem[] => {
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
      const Utterance = win.SpeechSynthesisUtterance;
      if (!speech || !Utterance || !voice || gainForVolume(volume) === 0) return false;
      const utterance = new Utterance(text);
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

/** The page's window, or none (a store built under Node in tests: silent). */
export function pageWindow(): SoundWindow | null {
  return (globalThis as { window?: SoundWindow }).window ?? null;
}

const SILENT: SoundPlayer = {
  unlock: () => undefined,
  unlocked: () => false,
  play: () => undefined,
  speak: () => false,
  hasLocalVoice: () => false,
  onVoicesChanged: () => () => undefined,
};

/** The page's one player (one AudioContext per page: browsers limit how many may exist). */
export function soundPlayer(): SoundPlayer {
  if (pagePlayer) return pagePlayer;
  const win = pageWindow();
  if (!win) return SILENT;
  pagePlayer = createSoundPlayer(win);
  return pagePlayer;
}

/**
 * Unlocks audio on the first key press, tap or click on the page (capture phase, so no screen can
 * swallow it first), then stops listening once audio runs. Returns the stop function.
 */
export function installAudioUnlock(win: SoundWindow, player: SoundPlayer): () => void {
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
