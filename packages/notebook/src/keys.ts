/**
 * Every name the notebook document uses, in one place. These strings are part of the stored
 * format: changing one is a schema change (bump SCHEMA_VERSION and add a compatibility fixture).
 *
 * Document layout (schemaVersion 1):
 *
 *   cells     Y.Map<Y.Map>   cell id -> cell; the visible order is the sort by (position, id)
 *     cell    Y.Map          cell_type, source (Y.Text), position (string), metadata (Y.Map),
 *                            outputs (Y.Array<Y.Map>, one map per Jupyter output),
 *                            execution_count (number | null), attachments (JSON, optional)
 *   meta      Y.Map          schemaVersion, title, runtime
 *   metadata  Y.Map          notebook-level nbformat metadata, one JSON value per key
 *   runQueue  Y.Array<Y.Map> run requests: id, cellId, requestedBy, runtime, requestedAt,
 *                            state, claimedBy
 */

/** The version of the layout above. Stored in `meta` by `seedNotebook`. */
export const SCHEMA_VERSION = 1;

export const ROOT = {
  cells: 'cells',
  meta: 'meta',
  metadata: 'metadata',
  runQueue: 'runQueue',
} as const;

export const META = {
  schemaVersion: 'schemaVersion',
  title: 'title',
  runtime: 'runtime',
} as const;

export const CELL = {
  cellType: 'cell_type',
  source: 'source',
  position: 'position',
  metadata: 'metadata',
  outputs: 'outputs',
  executionCount: 'execution_count',
  attachments: 'attachments',
} as const;

export const RUN = {
  id: 'id',
  cellId: 'cellId',
  requestedBy: 'requestedBy',
  runtime: 'runtime',
  requestedAt: 'requestedAt',
  state: 'state',
  claimedBy: 'claimedBy',
} as const;
