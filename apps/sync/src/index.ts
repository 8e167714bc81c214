export { createSyncServer, syncDefaults, type SyncServer, type SyncServerOptions } from './sync-server.ts';
export type { Seed } from './document-store.ts';
export type { NotebookDocuments } from './notebook-documents.ts';
export { createLocalFanOut, type FanOut, type FanOutMessage } from './fan-out.ts';
export { SyncRefusal, type ConnectionHandle, type DocumentHandle, type Identity, type SyncExtension } from './extension.ts';
export { notebookSeed } from './notebook-seed.ts';
export type { RemoteKernels } from './session-host.ts';
export { KERNEL_STATE_FIELD, type RemoteKernelState } from './remote-session.ts';
export { sessionSettings } from './env.ts';
