-- Account checkpoints: an account actor's whole state (persistence/account_checkpoint.hpp, a
-- versioned binary image) after journal entry `seq`. Recovery starts from the latest one and replays
-- only the entries after it. Written after the entries up to `seq` were durable, so a checkpoint
-- never covers more than the journal. See docs/persistence.md, "Account checkpoints".
CREATE TABLE account_checkpoints (
  user_id    BIGINT NOT NULL,
  seq        BIGINT NOT NULL CHECK (seq > 0),
  state      BYTEA NOT NULL,
  written_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, seq)
);
