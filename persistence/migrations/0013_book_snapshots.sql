-- Book snapshots: a book actor's whole state (persistence/book_snapshot_codec.hpp, a versioned
-- binary image) after its journaled command `cmd_seq`. Recovery starts from the latest one and
-- replays only the book_commands after it. Written after the commands up to `cmd_seq` were durable,
-- so a snapshot never covers more than the journal. See docs/persistence.md, "Book snapshots".
CREATE TABLE book_snapshots (
  symbol     TEXT NOT NULL,
  cmd_seq    BIGINT NOT NULL CHECK (cmd_seq > 0),
  state      BYTEA NOT NULL,
  written_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (symbol, cmd_seq)
);
