-- Account journal entries for auctions: a bidder's cash hold or a seller's escrowed shares (HOLD),
-- their release (RELEASE_HOLD), the buyer paying from the hold (PAY_HOLD) and the seller delivering
-- outside the book (SELL_OUTSIDE_BOOK); and the auctions' own command journal (auction_lots,
-- auction_journal). See docs/persistence.md, "Account journal" and "Auction journal".
ALTER TABLE account_journal DROP CONSTRAINT account_journal_kind_check;
ALTER TABLE account_journal ADD CONSTRAINT account_journal_kind_check
  CHECK (kind IN ('PLACE', 'DEPOSIT', 'ISSUE', 'RISK', 'REPORT', 'REPLACE', 'ABORT_REPLACE', 'REFUSED',
                  'DELIVERY', 'HOLD', 'RELEASE_HOLD', 'PAY_HOLD', 'SELL_OUTSIDE_BOOK'));

-- The auctions' command journal replaces the unused tables of 0004 (their users foreign keys leave
-- out bot accounts and the house, their quantity check item lots). A lot is rebuilt by replaying its
-- commands through the auction rules; the lot's definition is written with its CREATE command.
DROP TABLE auction_bids, auctions;

CREATE TABLE auction_lots (
  lot_id              BIGINT PRIMARY KEY,
  title               TEXT NOT NULL,
  description         TEXT NOT NULL,
  image_url           TEXT NOT NULL,
  auctioneer_id       BIGINT NOT NULL,
  seller_id           BIGINT NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('SHARES', 'ITEM')),
  symbol              TEXT NOT NULL,
  quantity            BIGINT NOT NULL,
  item_ref            TEXT NOT NULL,
  start_price         BIGINT NOT NULL,
  increment           BIGINT NOT NULL,
  brackets            TEXT NOT NULL,
  reserve_price       BIGINT NOT NULL,
  duration_ns         BIGINT NOT NULL,
  extension_window_ns BIGINT NOT NULL,
  extension_ns        BIGINT NOT NULL,
  scheduled_start_ns  BIGINT NOT NULL,
  allow_self_outbid   BOOLEAN NOT NULL,
  created_ns          BIGINT NOT NULL
);

-- Every command a lot accepted, in its order (seq 1, 2, ...): BID carries bidder and price, SETTLED
-- the settlement's reason.
CREATE TABLE auction_journal (
  lot_id  BIGINT NOT NULL,
  seq     BIGINT NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('CREATE', 'START', 'BID', 'CANCEL', 'CLOSE', 'SETTLED')),
  time_ns BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  price   BIGINT NOT NULL,
  reason  TEXT NOT NULL,
  PRIMARY KEY (lot_id, seq)
);
