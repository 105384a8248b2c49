// The customer display's Thai faces are fetched when text first needs them (font-display: swap). The
// pay screen's countdown is the only text in weight 600, so the first QR of the display's life waited
// for a font and was laid out twice. Asking for every face the screens use when the page opens puts
// them in place before the first sale.

/** The weights fonts.css declares for Sarabun (the customer screens use all of them). */
export const SARABUN_WEIGHTS = [400, 500, 600, 700, 800] as const;

/** What it needs of the page's FontFaceSet (`document.fonts`). */
export interface FontLoader {
  load(font: string, text?: string): Promise<unknown>;
}

/** Starts loading every bundled Thai face; failures are left to the browser's fallback fonts. */
export function preloadThaiFaces(fonts: FontLoader): void {
  // A Thai letter in the sample text selects the Thai face (its unicode-range), not a Latin fallback.
  for (const weight of SARABUN_WEIGHTS) fonts.load(`${weight} 32px Sarabun`, 'ก').catch(() => undefined);
}
