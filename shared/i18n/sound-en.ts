// English strings for sound (spread into en.ts; the Thai twin is sound-th.ts).
export const soundEn = {
  'sound.placeholder': 'sound',
} as const;
