// The TypeScript worker of the cell editors (Monaco asks for it with the label 'typescript', see
// load-monaco.ts): Monaco's worker protocol around CellTypeScriptWorker.
import { initialize } from 'monaco-editor/internal/common/initialize';
import { CellTypeScriptWorker } from './typescript-cell-service.ts';
import type { TypeLibrary } from './typescript-type-library.ts';

/** Served by apps/web/app/editor/typescript-libs.json/route.ts, built with the app. */
const typeLibraryPath = '/editor/typescript-libs.json';

// Fetched as the worker starts, so it is here before the first request and stays here offline.
const typeLibrary: Promise<TypeLibrary> = fetch(new URL(typeLibraryPath, self.location.origin)).then((response) =>
  response.ok ? (response.json() as Promise<TypeLibrary>) : Promise.reject(new Error(`${typeLibraryPath}: HTTP ${response.status}`)),
);

// Monaco posts a first message to start the worker, then the create data (as its own ts.worker does).
self.onmessage = () => initialize((ctx, createData) => new CellTypeScriptWorker(ctx, createData, typeLibrary));
