import { describe, expect, it } from 'vitest';
import { preloadThaiFaces, SARABUN_WEIGHTS } from '../../../renderer/customer/preload-fonts';

describe('customer display fonts', () => {
  it('asks for every bundled Thai face with a Thai sample, and a face that fails to load throws nothing', async () => {
    const asked: [string, string | undefined][] = [];
    // Every load fails: a rejection left unhandled would fail this run (vitest reports it).
    preloadThaiFaces({
      load(font: string, text?: string) {
        asked.push([font, text]);
        return Promise.reject(new Error('offline'));
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked.map(([font]) => font)).toEqual(SARABUN_WEIGHTS.map((weight) => `${weight} 32px Sarabun`));
    expect(new Set(asked.map(([, text]) => text))).toEqual(new Set(['ก']));
    // Weight 600 (the countdown's) is among them: it was the face the first QR waited for.
    expect(SARABUN_WEIGHTS).toContain(600);
  });
});
