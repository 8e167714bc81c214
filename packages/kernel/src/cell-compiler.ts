/**
 * The compiler the runtime uses: @cohort/compiler by default; an option so a host or a test can
 * wrap it (e.g. to count or cache compilations).
 */
import { compileCell, originalPosition } from '@cohort/compiler';

export type { CompiledCell, CompileResult } from '@cohort/compiler';

export interface CellCompiler {
  compileCell: typeof compileCell;
  originalPosition: typeof originalPosition;
}

export const cohortCompiler: CellCompiler = { compileCell, originalPosition };
