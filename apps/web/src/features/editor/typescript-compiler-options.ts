import type * as ts from 'typescript';

/**
 * How TypeScript reads cells, matching how the kernel runs them: modern ES with the DOM (the
 * default lib of the ESNext target), ES modules whose types are found as Node finds them (`@tensorflow/tfjs` in
 * node_modules), and every cell file a module, so top-level `await` is allowed without an import.
 * Plain numbers, not TypeScript's enums, so the page need not load TypeScript to set them.
 */
export const cellCompilerOptions = {
  target: 99, // ScriptTarget.ESNext
  module: 99, // ModuleKind.ESNext
  moduleResolution: 2, // ModuleResolutionKind.Node10: package.json `types`, which is all the served library keeps
  moduleDetection: 3, // ModuleDetectionKind.Force
  strict: true,
  // Learners write `function f(x) {…}` and `catch (e)`; an untyped parameter is no mistake here.
  noImplicitAny: false,
  esModuleInterop: true,
  skipLibCheck: true,
  allowNonTsExtensions: true,
  noEmit: true,
} as const satisfies ts.CompilerOptions;
