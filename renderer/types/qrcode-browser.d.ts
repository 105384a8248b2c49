// The browser build of `qrcode` (canvas-based). Imported by its own path so the renderer does not pull
// in @types/qrcode, which references Node's types.
declare module 'qrcode/lib/browser' {
  export interface BrowserQrOptions {
    errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
    margin?: number;
    width?: number;
    scale?: number;
    type?: 'image/png';
    color?: { dark?: string; light?: string };
  }
  export function toDataURL(text: string, options?: BrowserQrOptions): Promise<string>;
}
