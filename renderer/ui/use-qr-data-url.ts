import { useEffect, useState } from 'react';
import { toDataURL } from 'qrcode/lib/browser';

/**
 * Renders a QR locally (no network) as a PNG data URL: error correction M, a 4-module quiet zone,
 * drawn at `pixels` wide so it stays crisp when shown smaller.
 */
export function useQrDataUrl(data: string | null, pixels: number): string | null {
  const [url, setUrl] = useState<{ data: string; url: string } | null>(null);
  useEffect(() => {
    if (!data) return;
    let live = true;
    toDataURL(data, { errorCorrectionLevel: 'M', margin: 4, width: pixels, color: { dark: '#000000', light: '#ffffff' } })
      .then((next) => {
        if (live) setUrl({ data, url: next });
      })
      .catch(() => {
        if (live) setUrl(null);
      });
    return () => {
      live = false;
    };
  }, [data, pixels]);
  return data && url?.data === data ? url.url : null;
}
