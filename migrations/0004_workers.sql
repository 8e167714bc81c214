-- Remote kernel workers (apps/worker) and the kernels they run. A worker registers itself at
-- start and heart-beats; a worker whose heartbeat is older than the liveness window counts as
-- dead, and so do its kernels (apps/worker/src/scheduling.ts). A kernel id is chosen by the
-- session host that asks a worker for it and never reused once the kernel has ended.

CREATE TABLE workers (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- How others reach it: ws://host:port (kernel sockets are <url>/kernels/<kernel id>).
  url          text NOT NULL,
  capacity     integer NOT NULL CHECK (capacity > 0),
  -- TensorFlow.js backends its kernels can run, in its order of preference.
  backends     text[] NOT NULL,
  -- The device of its automatic backend choice (a GPU name, or 'CPU (WebAssembly)').
  device       text NOT NULL,
  started_at   timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  -- Set on a clean shutdown; a crashed worker just stops heart-beating.
  stopped_at   timestamptz
);

CREATE TABLE kernels (
  id          uuid PRIMARY KEY,
  notebook_id uuid NOT NULL REFERENCES notebooks (id) ON DELETE CASCADE,
  worker_id   uuid NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
  state       text NOT NULL CHECK (state IN ('starting', 'idle', 'busy', 'dead')),
  backend     text,
  device      text,
  started_at  timestamptz NOT NULL DEFAULT now(),
  ended_at    timestamptz,
  -- Why it ended: out of memory, idle, restart failed, worker shut down or stopped heart-beating.
  reason      text
);
CREATE INDEX kernels_live_by_worker_idx ON kernels (worker_id) WHERE state <> 'dead';
CREATE INDEX kernels_notebook_idx ON kernels (notebook_id, started_at DESC);
