export * from './api.ts';
export { SCHEMA_VERSION } from './keys.ts';
export { createCellId, isCellId } from './cell-id.ts';
export { openNotebook, seedNotebook } from './notebook.ts';
export { importIpynb, type ImportOptions } from './ipynb-import.ts';
export { exportIpynb, type Ipynb } from './ipynb-export.ts';
