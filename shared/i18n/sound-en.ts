// English strings for the paid sound (spread into en.ts; the Thai twin is sound-th.ts).
export const soundEn = {
  'sound.preview': 'Play test sound',
  'sound.previewFailed': 'Play failure tone',
  'sound.off': 'Sound is off: turn the chime on and the volume up to hear a sale being paid.',
  'sound.noVoice': 'This computer has no offline English voice: only the chime will play.',
  'sound.voiceReady': 'The amount is spoken with this computer’s English voice (works offline).',
  'sound.displayTap': 'A browser customer display plays sound once it has been tapped after opening.',
} as const;
