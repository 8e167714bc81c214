-- Restorable history of notebook documents. A version holds the whole document at one moment
-- (Y.encodeStateAsUpdate): the sync server stores automatic ones (name NULL) while a notebook is
-- edited, people name others. Restoring one adds a change on top; nothing here is rewritten.

CREATE TABLE doc_versions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notebook_id uuid NOT NULL REFERENCES notebooks (id) ON DELETE CASCADE,
  name        text,
  state       bytea NOT NULL,
  created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX doc_versions_notebook_idx ON doc_versions (notebook_id, created_at DESC);
