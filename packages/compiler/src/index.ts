export { compileCell } from './compile-cell.ts';
export { originalPosition } from './original-position.ts';
export type { CompileError, CompileOptions, CompileResult, CompiledCell } from './types.ts';
