/**
 * Carrying out a session's actions on the notebook document, the same way for every host (the
 * browser tab and the sync service's session host): claims, cleared and appended outputs, display
 * updates, and finished runs with their execution count and run record. Origin `kernel`.
 */
import { ORIGIN, type Notebook } from '@cohort/notebook';
import { RUN_RECORD_KEY, runRecordMetadata } from './run-record.ts';
import type { SessionAction } from './session.ts';

/** The actions that change the document (an `execute` goes to the kernel instead). */
export type NotebookAction = Exclude<SessionAction, { type: 'execute' }>;

export interface NotebookActionContext {
  /** Recorded as the claimant of the runs this session takes. */
  claimant: string;
  /** The name of the user who ran a cell, for its run record; undefined leaves it out. */
  nameOf(userId: string): string | undefined;
}

export function applyToNotebook(notebook: Notebook, action: NotebookAction, context: NotebookActionContext): void {
  switch (action.type) {
    case 'claim':
      notebook.claimRun(action.requestId, context.claimant, ORIGIN.kernel);
      return;
    case 'clear-outputs':
      notebook.clearOutputs(action.cellId, ORIGIN.kernel);
      return;
    case 'append-output':
      notebook.appendOutput(action.cellId, action.output, ORIGIN.kernel);
      return;
    case 'update-display':
      notebook.updateDisplay(action.displayId, { data: action.data, metadata: action.metadata }, ORIGIN.kernel);
      return;
    case 'finish':
      notebook.doc.transact(() => {
        notebook.finishRun(action.requestId, action.state, ORIGIN.kernel);
        if (action.executionCount !== null) notebook.setExecutionCount(action.cellId, action.executionCount, ORIGIN.kernel);
        if (action.record) {
          const byName = context.nameOf(action.record.by);
          notebook.setCellMetadata(action.cellId, RUN_RECORD_KEY, runRecordMetadata(byName ? { ...action.record, byName } : action.record), ORIGIN.kernel);
        }
        // The run record now tells what happened; finished requests would only grow the queue.
        notebook.clearFinishedRuns(ORIGIN.kernel);
      }, ORIGIN.kernel);
      return;
  }
}
