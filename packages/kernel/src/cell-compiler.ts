/**
 * The compiler contract the runtime relies on (packages/compiler: compileCell, originalPosition).
 * Taken as an option so a host or a test can wrap it; the default is @cohort/compiler itself.
 */
export interface CompiledCell {
  ok: true;
  code: string;
  declarations: string[];
  sourceMap: unknown;
}
export type CompileResult = CompiledCell | { ok: false; errors: { message: string; line: number; column: number }[] };

export interface CellCompiler {
  compileCell(source: string, options: { fileName: string; modules: readonly string[] }): CompileResult;
  originalPosition(cell: CompiledCell, line: number, column: number): { line: number; column: number } | null;
}
