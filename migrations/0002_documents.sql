-- Notebook documents: the Yjs update log and its compacted snapshot (apps/sync).
-- An update is appended here before the sync server applies or broadcasts it; compaction merges
-- rows into the snapshot and deletes exactly the rows it merged, in one transaction.

CREATE TABLE doc_updates (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notebook_id uuid NOT NULL REFERENCES notebooks (id) ON DELETE CASCADE,
  update      bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX doc_updates_notebook_idx ON doc_updates (notebook_id, id);

-- One row per notebook once its log was first compacted. `through_update_id` is the highest
-- doc_updates id merged so far; rows still in doc_updates are the ones not merged yet.
CREATE TABLE doc_snapshots (
  notebook_id       uuid PRIMARY KEY REFERENCES notebooks (id) ON DELETE CASCADE,
  state             bytea NOT NULL,
  through_update_id bigint NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
