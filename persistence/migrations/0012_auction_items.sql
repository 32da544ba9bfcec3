-- Auctions: refused bids are journaled (REFUSED, with the bidder, price and reason), so that after a
-- restart the 10-bids-per-minute limit counts them as the live lot did; and a settled item lot gives
-- its winner an item record. See docs/persistence.md, "Auction journal", and docs/auctions.md.
ALTER TABLE auction_journal DROP CONSTRAINT auction_journal_kind_check;
ALTER TABLE auction_journal ADD CONSTRAINT auction_journal_kind_check
  CHECK (kind IN ('CREATE', 'START', 'BID', 'CANCEL', 'CLOSE', 'SETTLED', 'REFUSED'));

-- One row per item lot sold and settled, written in the same transaction as the lot's SETTLED
-- command (so exactly once: a settlement re-driven after a crash writes both or neither). The owner
-- is the winner; price in cents, acquired_ns the settlement time (ns UTC).
CREATE TABLE user_items (
  lot_id      BIGINT PRIMARY KEY,
  owner_id    BIGINT NOT NULL,
  item_ref    TEXT NOT NULL,
  title       TEXT NOT NULL,
  image_url   TEXT NOT NULL,
  price       BIGINT NOT NULL CHECK (price > 0),
  acquired_ns BIGINT NOT NULL
);
CREATE INDEX user_items_owner ON user_items (owner_id, lot_id);
