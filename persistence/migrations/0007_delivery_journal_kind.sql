-- Account journal entries for deliveries: a long margin position taken into spot (the loan paid) or
-- spot shares delivered against a short. See docs/persistence.md, "Account journal".
ALTER TABLE account_journal DROP CONSTRAINT account_journal_kind_check;
ALTER TABLE account_journal ADD CONSTRAINT account_journal_kind_check
  CHECK (kind IN ('PLACE', 'DEPOSIT', 'ISSUE', 'RISK', 'REPORT', 'REPLACE', 'ABORT_REPLACE', 'REFUSED',
                  'DELIVERY'));
