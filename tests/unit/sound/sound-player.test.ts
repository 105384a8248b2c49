import { describe, expect, it } from 'vitest';
import { createSoundPlayer, installAudioUnlock, type SoundWindow } from '../../../renderer/ui/sound/sound-player';
import { CUE_NOTES } from '../../../renderer/ui/sound/tones';

// A scripted stand-in for the browser's Web Audio and speech (Node has neither): records what the
// player asks of them. The real thing is exercised in Chromium by tests/e2e/paid-sound.spec.ts.
function browserStandIn(options: { state: 'running' | 'suspended'; voices?: { lang: string; localService: boolean; default: boolean }[] }) {
  const started: { frequency: number; at: number; peak: number }[] = [];
  const said: { text: string; lang: string; volume: number }[] = [];
  const listeners = new Map<string, () => void>();
  let now = 0;
  let wake: (() => void) | null = null;
  const param = () => {
    const p = { value: 0, peak: 0, setValueAtTime: () => p, exponentialRampToValueAtTime: (v: number) => ((p.peak = Math.max(p.peak, v)), p) };
    return p;
  };
  class FakeContext {
    state: string = options.state;
    currentTime = 1;
    destination = {};
    resume(): Promise<void> {
      return new Promise((resolve) => {
        wake = () => {
          this.state = 'running';
          resolve();
        };
      });
    }
    createGain() {
      return { gain: param(), connect: () => undefined };
    }
    createOscillator() {
      let envelope: { gain: { peak: number } } | null = null;
      const osc = {
        type: 'sine',
        frequency: param(),
        connect: (dest: unknown) => void (envelope = dest as { gain: { peak: number } }),
        start: (at: number) => void started.push({ frequency: osc.frequency.value, at, peak: envelope?.gain.peak ?? 0 }),
        stop: () => undefined,
      };
      return osc;
    }
  }
  const win: SoundWindow = {
    AudioContext: FakeContext,
    performance: { now: () => now },
    speechSynthesis: {
      getVoices: () => options.voices ?? [],
      speak: (u) => void said.push({ text: (u as unknown as { text: string }).text, lang: u.lang, volume: u.volume }),
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    },
    SpeechSynthesisUtterance: class {
      voice: unknown = null;
      lang = '';
      volume = 1;
      rate = 1;
      constructor(readonly text: string) {}
    },
    addEventListener: (name, listener) => void listeners.set(name, listener),
    removeEventListener: (name) => void listeners.delete(name),
  };
  return { win, started, said, listeners, advance: (ms: number) => (now += ms), wake: () => wake?.() };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('sound player', () => {
  it('plays each note of a cue at once when audio runs, louder with the volume', () => {
    const loud = browserStandIn({ state: 'running' });
    createSoundPlayer(loud.win).play('paid', 100);
    const soft = browserStandIn({ state: 'running' });
    createSoundPlayer(soft.win).play('paid', 50);
    expect(loud.started.map((n) => n.frequency)).toEqual(CUE_NOTES.paid.map((n) => n.frequency));
    expect(soft.started[0]!.peak).toBeCloseTo(loud.started[0]!.peak / 4);
    const silent = browserStandIn({ state: 'running' });
    createSoundPlayer(silent.win).play('failed', 0);
    expect(silent.started).toEqual([]);
  });

  it('plays a cue asked for while audio wakes up, but drops one that would come late', async () => {
    const prompt = browserStandIn({ state: 'suspended' });
    createSoundPlayer(prompt.win).play('paid', 70);
    prompt.advance(200);
    prompt.wake();
    await settle();
    expect(prompt.started).toHaveLength(2);

    const late = browserStandIn({ state: 'suspended' });
    createSoundPlayer(late.win).play('paid', 70);
    late.advance(5_000); // the page was only touched much later: a chime now would mislead
    late.wake();
    await settle();
    expect(late.started).toEqual([]);
  });

  it('unlocks on the first key or tap and then stops listening', () => {
    const page = browserStandIn({ state: 'suspended' });
    const player = createSoundPlayer(page.win);
    installAudioUnlock(page.win, player);
    expect([...page.listeners.keys()].sort()).toEqual(['keydown', 'pointerdown', 'touchend']);
    page.listeners.get('keydown')!();
    page.wake();
    page.listeners.get('pointerdown')!();
    expect(player.unlocked()).toBe(true);
    expect(page.listeners.size).toBe(0);
  });

  it('speaks only with a local voice of the language, at the volume set', () => {
    const page = browserStandIn({ state: 'running', voices: [{ lang: 'en-GB', localService: true, default: true }] });
    const player = createSoundPlayer(page.win);
    expect(player.speak('ได้รับเงิน 245 บาท', 'th', 80)).toBe(false);
    expect(player.speak('Received 245 baht', 'en', 80)).toBe(true);
    expect(player.speak('Received 245 baht', 'en', 0)).toBe(false);
    expect(page.said).toEqual([{ text: 'Received 245 baht', lang: 'en-GB', volume: 0.8 }]);
  });
});
