// The box a shop's logo is shrunk into: a receipt printer prints 384 dots across on 58 mm paper, so
// nothing larger is ever useful. Kept apart from the canvas code so Node tests can check it.
export const LOGO_MAX_WIDTH = 384;
export const LOGO_MAX_HEIGHT = 160;

/** The picture's size once fitted in the logo's box (never enlarged). */
export function fittedSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
