// Items a shop sells and the lines of a ticket (issue: receipts, items). Amounts are integer satang.

/** One line of a sale's ticket: a snapshot of the item as sold (a later price change never rewrites it). */
export interface SaleLine {
  /** The catalogue item (itm_…), or null for a line typed without one. */
  itemId: string | null;
  name: string;
  /** Price of one unit (satang), VAT included where the shop is VAT registered. */
  unitPrice: number;
  quantity: number;
  /** unitPrice × quantity (satang). */
  amount: number;
}

/** A catalogue item a manager keeps (hundreds of them, searchable). */
export interface Item {
  id: string;
  name: string;
  category: string | null;
  /** Price (satang). */
  price: number;
  /** The shop's own code or barcode, unique when set. */
  sku: string | null;
  /** Inactive items stay in history and reports but are not offered on the till. */
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

/** What an item CSV import did (all or nothing: with any error nothing is saved). */
export interface ItemImportResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Line numbers are the CSV's own (header = line 1). Empty when the import was saved. */
  errors: { line: number; message: string }[];
  saved: boolean;
}

/** Item CSV as text (UTF-8 with BOM so Excel opens Thai correctly) and a file name to save it under. */
export interface ItemCsv {
  fileName: string;
  csv: string;
}

/** One row of the sales-by-item report. */
export interface ItemSalesRow {
  /** null with `name` '' for sales keyed as an amount without items (the screen words it). */
  itemId: string | null;
  name: string;
  category: string | null;
  quantity: number;
  /** Sum of line amounts of paid sales (satang). */
  gross: number;
  sales: number;
}

/** Sales by item over business days [from, to]: rows plus totals equal to the ledger's paid gross. */
export interface ItemSalesReport {
  from: string;
  to: string;
  timeZone: string;
  tillId: string | null;
  rows: ItemSalesRow[];
  byCategory: { category: string | null; quantity: number; gross: number }[];
  /** Equals the daily/period report's gross of paid sales over the same days. */
  totalGross: number;
  totalQuantity: number;
  generatedAt: number;
}
