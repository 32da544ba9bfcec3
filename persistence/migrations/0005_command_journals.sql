-- Command journals for recovery and the commit log of the persistence actor.
-- A book is rebuilt by replaying its commands through the (deterministic) matching engine, an
-- account by replaying its journal through the account ledger: the state hash after the replay
-- equals the one before the stop. Enumerations are TEXT in the wire spelling; fields a kind does
-- not use are 0.

-- Every command that changed a book, in the order the book executed it (cmd_seq 1, 2, ...).
-- last_seq is the book's sequence after the command: the replay checks it.
CREATE TABLE book_commands (
  symbol           TEXT NOT NULL,
  cmd_seq          BIGINT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('SUBMIT', 'CANCEL', 'REPLACE', 'CANCEL_ALL', 'EXPIRE',
                                                 'END_OF_DAY', 'HALT', 'REFERENCE')),
  time_ns          BIGINT NOT NULL,
  last_seq         BIGINT NOT NULL,
  order_id         BIGINT NOT NULL,
  user_id          BIGINT NOT NULL,
  client_ref       BIGINT NOT NULL,
  side             TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
  type             TEXT NOT NULL CHECK (type IN ('LIMIT', 'MARKET', 'STOP', 'STOP_LIMIT')),
  tif              TEXT NOT NULL CHECK (tif IN ('GTC', 'IOC', 'FOK', 'GTD', 'DAY')),
  price            BIGINT NOT NULL,
  stop_price       BIGINT NOT NULL,
  quantity         BIGINT NOT NULL,
  display_quantity BIGINT NOT NULL,
  expire_time_ns   BIGINT NOT NULL,
  post_only        BOOLEAN NOT NULL,
  stp              TEXT NOT NULL CHECK (stp IN ('CANCEL_NEWEST', 'CANCEL_OLDEST', 'CANCEL_BOTH',
                                                'DECREMENT')),
  halted           BOOLEAN NOT NULL,
  reason           TEXT NOT NULL,
  PRIMARY KEY (symbol, cmd_seq)
);

-- Every input an account applied, in its order (seq 1, 2, ...). PLACE carries the client's order
-- and the account's verdict; REPORT names the applied book event (symbol, book_seq).
CREATE TABLE account_journal (
  user_id          BIGINT NOT NULL,
  seq              BIGINT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('PLACE', 'DEPOSIT', 'ISSUE', 'RISK', 'REPORT')),
  time_ns          BIGINT NOT NULL,
  symbol           TEXT NOT NULL,
  client_order_id  BIGINT NOT NULL,
  side             TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
  type             TEXT NOT NULL CHECK (type IN ('LIMIT', 'MARKET', 'STOP', 'STOP_LIMIT')),
  tif              TEXT NOT NULL CHECK (tif IN ('GTC', 'IOC', 'FOK', 'GTD', 'DAY')),
  price            BIGINT NOT NULL,
  stop_price       BIGINT NOT NULL,
  quantity         BIGINT NOT NULL,
  display_quantity BIGINT NOT NULL,
  expire_time_ns   BIGINT NOT NULL,
  post_only        BOOLEAN NOT NULL,
  reduce_only      BOOLEAN NOT NULL,
  margin           BOOLEAN NOT NULL,
  stp              TEXT NOT NULL CHECK (stp IN ('CANCEL_NEWEST', 'CANCEL_OLDEST', 'CANCEL_BOTH',
                                                'DECREMENT')),
  result           TEXT NOT NULL,
  amount           BIGINT NOT NULL,
  book_seq         BIGINT NOT NULL,
  PRIMARY KEY (user_id, seq)
);

-- One row per committed batch of a persistence actor: after a connection is lost during COMMIT,
-- the actor looks its batch up here to learn whether it was written (no loss, no duplicate).
CREATE TABLE persist_batches (
  writer_id  BIGINT NOT NULL,
  batch_no   BIGINT NOT NULL,
  row_count  BIGINT NOT NULL,
  time_ns    BIGINT NOT NULL,
  PRIMARY KEY (writer_id, batch_no)
);
