-- The orders table becomes a read model: persistence/order_projector.hpp projects it from the journals
-- (book_commands, book_events, account_journal) off the order path, one transaction per run, and
-- nothing else writes it (docs/persistence.md, "Orders read model").
-- Bots (ids >= 2^62) and the house trade without a users row, as in account_journal and cash_ledger
-- (0014): the projection copies what the books journaled, and a row it cannot write would stop it
-- at that event for good, so there is no foreign key to users.
ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;
-- The engine's client_order_id is a uint64 (client_ref in the journals), stored bit for bit in
-- BIGINT like every journal column; nothing wrote the table before, so no value is converted.
ALTER TABLE orders ALTER COLUMN client_order_id TYPE BIGINT USING client_order_id::bigint;
-- A book rejection keeps the order as the client sent it, an invalid quantity included.
ALTER TABLE orders DROP CONSTRAINT orders_quantity_check;
-- Order history of an account, newest first.
CREATE INDEX orders_by_user_time ON orders (user_id, created_ns);

-- Per book: the last projected command and the book sequence after it (the cursors of
-- book_commands and book_events).
CREATE TABLE order_projection_cursors (
  symbol     TEXT PRIMARY KEY,
  cmd_seq    BIGINT NOT NULL,
  last_seq   BIGINT NOT NULL,
  updated_ns BIGINT NOT NULL
);

-- Per account: the last account_journal entry read for the margin flag of its orders.
CREATE TABLE order_projection_accounts (
  user_id BIGINT PRIMARY KEY,
  seq     BIGINT NOT NULL
);

-- Margin orders whose PLACE entry was read before their book's SUBMIT was projected; a row goes
-- when its order is projected or the account journals REFUSED for it.
CREATE TABLE order_projection_margin (
  user_id         BIGINT NOT NULL,
  client_order_id BIGINT NOT NULL,
  PRIMARY KEY (user_id, client_order_id)
);
