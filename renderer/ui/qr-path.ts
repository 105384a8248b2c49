// A QR code as one SVG path. The `qr` library encodes (error correction M, its own mask choice) in a
// fraction of a millisecond; this only draws its module matrix, one rectangle per run of dark
// modules. Synchronous and cheap (no canvas, no PNG to encode and then decode), so the QR is on
// screen in the same frame as the sale that carries it.
import encodeQR from 'qr';

/** The quiet zone the QR standard asks for around the symbol, in modules. */
export const QR_QUIET_ZONE = 4;

export interface QrPath {
  /** Modules per side, quiet zone included (the SVG's viewBox). */
  size: number;
  /** Path data: one rectangle per horizontal run of dark modules. */
  d: string;
}

export function qrPath(data: string): QrPath {
  const rows = encodeQR(data, 'raw', { ecc: 'medium', border: QR_QUIET_ZONE });
  const runs: string[] = [];
  rows.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x += 1;
      runs.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return { size: rows.length, d: runs.join('') };
}
