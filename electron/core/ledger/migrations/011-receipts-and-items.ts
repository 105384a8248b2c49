// Receipts and items. A sale's receipt number is given by a trigger in the very transaction that makes
// the sale paid, from a per-till counter: no code path can skip it, a crash rolls back both the status
// and the number together (no gap), and the UNIQUE index refuses a duplicate. Sales paid before this
// migration are numbered in the order they were paid, so a reprint of an old sale has a number too.
// Items are the shop's catalogue; sale_lines are the ticket as sold (a snapshot, never rewritten).
export const name = 'receipts-and-items';
export const sql = `
CREATE TABLE receipt_counters (
  till_id TEXT PRIMARY KEY,
  last_no INTEGER NOT NULL CHECK (last_no >= 0)
);
ALTER TABLE sales ADD COLUMN receipt_no INTEGER;
UPDATE sales SET receipt_no = (
  SELECT numbered.n FROM (
    SELECT id, row_number() OVER (PARTITION BY till_id ORDER BY coalesce(paid_at, updated_at), rowid) AS n
    FROM sales WHERE status = 'succeeded'
  ) AS numbered WHERE numbered.id = sales.id
) WHERE status = 'succeeded';
INSERT INTO receipt_counters (till_id, last_no) SELECT till_id, max(receipt_no) FROM sales WHERE receipt_no IS NOT NULL GROUP BY till_id;
CREATE UNIQUE INDEX sales_receipt_no ON sales (till_id, receipt_no) WHERE receipt_no IS NOT NULL;

CREATE TRIGGER sales_number_receipt_on_insert AFTER INSERT ON sales
WHEN NEW.status = 'succeeded' AND NEW.receipt_no IS NULL
BEGIN
  INSERT OR IGNORE INTO receipt_counters (till_id, last_no) VALUES (NEW.till_id, 0);
  UPDATE receipt_counters SET last_no = last_no + 1 WHERE till_id = NEW.till_id;
  UPDATE sales SET receipt_no = (SELECT last_no FROM receipt_counters WHERE till_id = NEW.till_id) WHERE id = NEW.id;
END;
CREATE TRIGGER sales_number_receipt_on_paid AFTER UPDATE OF status ON sales
WHEN NEW.status = 'succeeded' AND NEW.receipt_no IS NULL
BEGIN
  INSERT OR IGNORE INTO receipt_counters (till_id, last_no) VALUES (NEW.till_id, 0);
  UPDATE receipt_counters SET last_no = last_no + 1 WHERE till_id = NEW.till_id;
  UPDATE sales SET receipt_no = (SELECT last_no FROM receipt_counters WHERE till_id = NEW.till_id) WHERE id = NEW.id;
END;
-- A receipt number, once given, is never changed or taken away.
CREATE TRIGGER sales_receipt_no_fixed BEFORE UPDATE OF receipt_no ON sales
WHEN OLD.receipt_no IS NOT NULL AND (NEW.receipt_no IS NULL OR NEW.receipt_no <> OLD.receipt_no)
BEGIN
  SELECT RAISE(ABORT, 'a receipt number never changes');
END;

CREATE TABLE items (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT,
  price INTEGER NOT NULL CHECK (price >= 0),
  sku TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX items_by_sku ON items (sku) WHERE sku IS NOT NULL;
CREATE INDEX items_by_category ON items (category, name);

CREATE TABLE sale_lines (
  sale_id TEXT NOT NULL REFERENCES sales (id),
  line_no INTEGER NOT NULL,
  item_id TEXT,
  name TEXT NOT NULL,
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  amount INTEGER NOT NULL,
  PRIMARY KEY (sale_id, line_no)
) WITHOUT ROWID;
CREATE INDEX sale_lines_by_item ON sale_lines (item_id, sale_id);
`;
