import type { soundEn } from './sound-en';

// Thai strings for sound (spread into th.ts).
export const soundTh: Record<keyof typeof soundEn, string> = {
  'sound.placeholder': 'sound',
};
