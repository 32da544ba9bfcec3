-- Account journal entries for the account actor's other state changes: the hold of a replace,
-- its release after the book failed to answer, and the release of an order the book turned away
-- unexecuted (BUSY). See docs/persistence.md, "Account journal".
ALTER TABLE account_journal DROP CONSTRAINT account_journal_kind_check;
ALTER TABLE account_journal ADD CONSTRAINT account_journal_kind_check
  CHECK (kind IN ('PLACE', 'DEPOSIT', 'ISSUE', 'RISK', 'REPORT', 'REPLACE', 'ABORT_REPLACE', 'REFUSED'));
