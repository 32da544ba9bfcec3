-- The cash ledger is written by the account actors, in the same transaction as the account journal
-- entry that moved the cash: one row per entry, reason and symbol with the net change of the
-- account's cash (journal_seq = account_journal.seq; seq = the book event of a fill and its fee,
-- NULL for deposits, withdrawals and auctions). Bot and house accounts have no users row, as in
-- account_journal, so the ledger has no foreign key to users. A row exists once because its journal
-- entry does (same transaction), so the unique index becomes a lookup index: a duplicate must never
-- fail a batch shared with other accounts' orders.
ALTER TABLE cash_ledger DROP CONSTRAINT cash_ledger_user_id_fkey;
ALTER TABLE cash_ledger DROP CONSTRAINT cash_ledger_reason_check;
ALTER TABLE cash_ledger ADD CONSTRAINT cash_ledger_reason_check
  CHECK (reason IN ('DEPOSIT', 'WITHDRAWAL', 'TRADE', 'FEE', 'FEE_INCOME', 'DELIVERY', 'AUCTION'));
ALTER TABLE cash_ledger ADD COLUMN journal_seq BIGINT NOT NULL;
DROP INDEX cash_ledger_once_per_event;
CREATE INDEX cash_ledger_by_event ON cash_ledger (user_id, symbol, seq) WHERE seq IS NOT NULL;
