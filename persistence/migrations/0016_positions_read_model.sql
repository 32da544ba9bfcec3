-- The positions table becomes a read model: persistence/position_projector.hpp replays the accounts'
-- journals (account_journal, book_events) through the account actor's own apply_entry off the order
-- path and writes each changed account's positions, one transaction per run; nothing else writes it
-- (docs/persistence.md, "Positions read model").
-- Bots (ids >= 2^62) and the house trade without a users row, and nothing fills instruments (the
-- listed rules come from the market file), as for orders (0015): no foreign keys.
ALTER TABLE positions DROP CONSTRAINT positions_user_id_fkey;
ALTER TABLE positions DROP CONSTRAINT positions_symbol_fkey;
-- One row per non-empty actors/account/position.hpp `position`, field for field (shares, cents):
-- quantity = spot + spot_reserved + margin (net shares, negative = net short),
-- reserved_quantity = spot_reserved, cost_basis = spot_cost; updated_ns = when the projection wrote
-- it (ns UTC).
ALTER TABLE positions
  ADD COLUMN spot_quantity   BIGINT NOT NULL DEFAULT 0 CHECK (spot_quantity >= 0),
  ADD COLUMN margin_quantity BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN margin_closing  BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN margin_cost     BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN margin_posted   BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN realized_pnl    BIGINT NOT NULL DEFAULT 0;
-- Positions in one symbol across accounts (holders, open interest).
CREATE INDEX positions_by_symbol ON positions (symbol);

-- Per account: the last account_journal entry the account's positions rows reflect.
CREATE TABLE position_projection_cursors (
  user_id    BIGINT PRIMARY KEY,
  seq        BIGINT NOT NULL,
  updated_ns BIGINT NOT NULL
);
