// Customer displays paired with the till (a tablet on the shop's network, browser mode). A display is
// known by a SHA-256 hash of its pos_client cookie: the ledger never holds a key a display could be
// impersonated with. Unpairing deletes the row.
export const name = 'paired-displays';
export const sql = `
CREATE TABLE paired_displays (
  display_id TEXT PRIMARY KEY,
  client_key_hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  paired_at INTEGER NOT NULL,
  paired_by TEXT,
  last_seen INTEGER NOT NULL
);
`;
