// Receipts and abbreviated tax invoices (ใบกำกับภาษีอย่างย่อ), and the till's paid sound.
import type { SaleLine } from './catalog';
import type { Tender } from './tender';

export type ReceiptPaper = '58' | '80';

/**
 * The languages a receipt can be worded in: Thai, English, or both on one receipt (each row's Thai
 * with its English beside it). A tax invoice keeps its Thai legal heading in every one of them.
 */
export const RECEIPT_LANGS = ['th', 'en', 'both'] as const;
export type ReceiptLang = (typeof RECEIPT_LANGS)[number];

/** Everything printed on one receipt, built by the core from the ledger (the screen only lays it out). */
export interface Receipt {
  saleId: string;
  /** The till's gapless number for this sale, formatted for print (e.g. T1-000042). */
  receiptNo: string;
  /** 'tax_invoice_abb' when the shop is VAT registered, else a plain receipt. */
  kind: 'receipt' | 'tax_invoice_abb';
  /** A reprint: printed สำเนา / COPY. */
  copy: boolean;
  /** logo: the shop's PNG or JPEG data URL, printed above its name (null: none). */
  shop: { name: string; address: string | null; taxId: string | null; branch: string | null; vatRegistered: boolean; logo?: string | null };
  tillId: string;
  cashier: string | null;
  lines: SaleLine[];
  description: string | null;
  /** Total paid (satang), VAT included. */
  amount: number;
  /** VAT included in the amount (7%), null when the shop is not VAT registered. */
  vat: { ratePercent: number; vatAmount: number; netAmount: number } | null;
  tender: Tender;
  cashTendered: number | null;
  change: number | null;
  paymentIntentId: string | null;
  /** When the sale was paid (epoch ms); printed in the shop's zone, Buddhist era on Thai receipts. */
  paidAt: number;
  timeZone: string;
  /** Refunded so far (satang), printed on a copy made after a refund. */
  refunded: number;
}

export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

/** What receipts.print did: the desktop prints silently to the chosen printer; the browser shows its dialog. */
export interface ReceiptPrintResult {
  printed: boolean;
  /** 'dialog': the core cannot print here (browser mode); the screen opens the print dialog itself. */
  via: 'printer' | 'dialog';
  printer: string | null;
  /** The shop's roll width, so a browser's print dialog lays the receipt out as the desktop would print it. */
  paper: ReceiptPaper;
  /** The shop's receipt language, so a browser's print dialog words it as the desktop would print it. */
  lang: ReceiptLang;
  receipt: Receipt;
}

/** The paid sound, set by a manager; sent in app.info so the customer display follows it too. */
export interface SoundSettings {
  /** Chime when a sale is paid, another tone on failure or expiry. */
  chime: boolean;
  /** Also speak the amount ("ได้รับเงิน 245 บาท") in the screen's language. */
  speakAmount: boolean;
  /** 0–100. */
  volume: number;
}

/** The shop's receipt and sound settings (part of ShopSettings; a manager sets them). */
export interface ReceiptSettings {
  /** Printed under the shop name on receipts. */
  shopAddress: string | null;
  /** A small PNG or JPEG data URL printed above the shop name on receipts (shopLogoSchema). */
  shopLogo: string | null;
  /** VAT registered: receipts are abbreviated tax invoices (ใบกำกับภาษีอย่างย่อ), VAT 7% included. */
  vatRegistered: boolean;
  /** 13-digit tax ID (check digit checked); required before vatRegistered can be true. */
  taxId: string | null;
  /** 00000 = head office (สำนักงานใหญ่), else the branch number. */
  branchCode: string | null;
  receiptPaper: ReceiptPaper;
  /** The language paper receipts print in (Thai by default: a tax invoice must be in Thai). */
  receiptLanguage: ReceiptLang;
  /** Desktop printer for silent printing; null = the system default. */
  receiptPrinter: string | null;
  autoPrintReceipt: 'always' | 'ask' | 'never';
  sound: SoundSettings;
}

export const DEFAULT_SOUND: SoundSettings = { chime: true, speakAmount: false, volume: 70 };

/** Receipt and sound settings of a shop that has not set them (spread into ShopSettings defaults). */
export const RECEIPT_SETTING_DEFAULTS = {
  shopAddress: null,
  shopLogo: null,
  vatRegistered: false,
  taxId: null,
  branchCode: null,
  receiptPaper: '80',
  receiptLanguage: 'th',
  receiptPrinter: null,
  autoPrintReceipt: 'ask',
  sound: DEFAULT_SOUND,
} as const satisfies ReceiptSettings;
