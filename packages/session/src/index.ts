export { createSessionReducer, initialSessionState, type KernelPhase, type RunningCell, type SessionAction, type SessionEvent, type SessionOptions, type SessionState, type Step } from './session.ts';
export { outputOfMessage, storedBundle } from './outputs.ts';
export { RUN_RECORD_KEY, readRunRecord, runRecordMetadata, type RunRecord } from './run-record.ts';
export { applyToNotebook, type NotebookAction, type NotebookActionContext } from './notebook-actions.ts';
