export interface CompileOptions {
  /** Names the cell's code in stack traces: the compiled script ends with `//# sourceURL=<fileName>`. e.g. "cell-1a2b3c.ts" */
  fileName: string;
  /** Module specifiers the kernel provides (e.g. "@tensorflow/tfjs"); importing any other is a compile error naming the module and the ones available. */
  modules: readonly string[];
}

/** 1-based line and column in the cell's TypeScript source. */
export interface CompileError {
  message: string;
  line: number;
  column: number;
}

export interface CompiledCell {
  ok: true;
  /** A classic script (not a module), evaluated in the kernel realm's global scope (indirect eval, or Node's vm.runInThisContext / runInContext). It evaluates to a Promise that resolves to `{ value }` when the cell ends with an expression statement, else to `undefined`. */
  code: string;
  /** Top-level names the cell binds (variables, functions, classes, imports), in source order. */
  declarations: string[];
  /** JSON-serialisable position mapping used by originalPosition (a PositionMap, see position-map.ts). */
  sourceMap: unknown;
}

export type CompileResult = CompiledCell | { ok: false; errors: CompileError[] };
