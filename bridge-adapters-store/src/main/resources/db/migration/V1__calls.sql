-- The call store: one schema for SQLite and PostgreSQL (portable SQL only; see docs/store.md).
-- Times are milliseconds since the epoch (UTC), so both databases sort and compare them alike.

CREATE TABLE calls (
  id                  VARCHAR(200) NOT NULL PRIMARY KEY,
  route               VARCHAR(16)  NOT NULL,
  caller              VARCHAR(200) NOT NULL,
  called              VARCHAR(200) NOT NULL,
  forwarded_from      VARCHAR(200),
  forwarding_reason   VARCHAR(200),
  incoming_at         BIGINT       NOT NULL,
  accepted_at         BIGINT,
  socket_open_at      BIGINT,
  ended_at            BIGINT,
  end_reason          VARCHAR(40),
  -- The bridge instance that handles the call; for call ownership and takeover when several
  -- instances share one PostgreSQL (not used yet: always this instance's id).
  owner               VARCHAR(200),
  input_text_tokens   BIGINT       NOT NULL DEFAULT 0,
  input_audio_tokens  BIGINT       NOT NULL DEFAULT 0,
  output_text_tokens  BIGINT       NOT NULL DEFAULT 0,
  output_audio_tokens BIGINT       NOT NULL DEFAULT 0
);
-- The call list: newest first, ties by id (the cursor's order).
CREATE INDEX calls_by_arrival ON calls (incoming_at, id);
-- Close-out at start looks only at calls without an end.
CREATE INDEX calls_live ON calls (ended_at, owner);

CREATE TABLE call_lines (
  call_id     VARCHAR(200) NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  sequence    BIGINT       NOT NULL,
  position    BIGINT       NOT NULL,
  speaker     VARCHAR(16)  NOT NULL,
  kind        VARCHAR(16)  NOT NULL,
  text        TEXT         NOT NULL,
  -- text folded to lower case by the bridge (SQLite's lower() knows only ASCII): text search
  text_folded TEXT         NOT NULL,
  item_id     VARCHAR(200) NOT NULL,
  emitted_at  BIGINT       NOT NULL,
  interrupted BOOLEAN      NOT NULL,
  PRIMARY KEY (call_id, sequence)
);

CREATE TABLE call_tools (
  call_id   VARCHAR(200) NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  ordinal   INTEGER      NOT NULL,
  name      VARCHAR(200) NOT NULL,
  arguments TEXT         NOT NULL,
  result    TEXT         NOT NULL,
  outcome   VARCHAR(40)  NOT NULL,
  at        BIGINT       NOT NULL,
  took_ms   BIGINT       NOT NULL,
  PRIMARY KEY (call_id, ordinal)
);

CREATE TABLE call_transfers (
  call_id VARCHAR(200) NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  ordinal INTEGER      NOT NULL,
  kind    VARCHAR(16)  NOT NULL,
  target  VARCHAR(400) NOT NULL,
  outcome VARCHAR(40)  NOT NULL,
  at      BIGINT       NOT NULL,
  PRIMARY KEY (call_id, ordinal)
);

CREATE TABLE call_actions (
  call_id VARCHAR(200) NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
  ordinal INTEGER      NOT NULL,
  action  VARCHAR(40)  NOT NULL,
  detail  TEXT         NOT NULL,
  at      BIGINT       NOT NULL,
  PRIMARY KEY (call_id, ordinal)
);
