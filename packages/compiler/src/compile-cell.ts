import ts from 'typescript';
import { createSourceEdits } from './source-edits.ts';
import { rewriteTopLevel } from './top-level.ts';
import type { CompileError, CompileOptions, CompileResult } from './types.ts';
import { parseCellSource } from './typescript-internals.ts';

/**
 * Compiles one notebook cell's TypeScript into a classic script for the kernel realm:
 *
 *     (async () => { "use strict"; <define the cell's names on globalThis>; <the cell, rewritten>
 *     })()
 *     //# sourceURL=<fileName>
 *
 * - Top-level declarations and imports become assignments to properties of globalThis, defined
 *   (writable, configurable) when the cell starts, so they persist across cells and a re-run
 *   rebinds them. Before its declaration runs a name reads `undefined` (no temporal dead zone);
 *   function declarations are hoisted and bound first, as in JavaScript. `var` inside blocks and
 *   `using` declarations stay local to the cell.
 * - Strict mode; top-level `this` is globalThis; top-level `return` is a compile error.
 * - TypeScript syntax is erased in place (replaced by spaces), so lines and columns are kept;
 *   enum, namespace and parameter properties have no erasable form and are compile errors, as
 *   under Node's type stripping.
 * - Only syntax errors (and the above) are compile errors: types are never checked.
 */
export function compileCell(source: string, options: CompileOptions): CompileResult {
  const { sourceFile, syntaxErrors } = parseCellSource(source, options.fileName);
  const at = (offset: number) => {
    const { line, character } = ts.getLineAndCharacterOfPosition(sourceFile, offset);
    return { line: line + 1, column: character + 1 };
  };
  if (syntaxErrors.length > 0) {
    return { ok: false, errors: syntaxErrors.map((diagnostic) => ({ message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'), ...at(diagnostic.start) })) };
  }

  const errors: CompileError[] = [];
  const edits = createSourceEdits(sourceFile);
  const { declarations, functions } = rewriteTopLevel({
    sourceFile,
    edits,
    modules: options.modules,
    report: (offset, message) => errors.push({ message, ...at(offset) }),
  });
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };

  const { code, positionMap } = edits.apply(`(async () => { "use strict"; ${defineGlobals(declarations, functions)}`, `\n})()\n//# sourceURL=${options.fileName}`);
  return { ok: true, code, declarations, sourceMap: positionMap };
}

/**
 * Defines each name the cell binds as a writable data property of globalThis (undefined, or the
 * hoisted function). Defining rather than assigning also replaces a read-only accessor of the
 * realm's global object, e.g. a Worker's `name`. The helper's parameters live in a nested arrow
 * function, so they never shadow the cell's own names.
 */
function defineGlobals(names: readonly string[], functions: ReadonlySet<string>): string {
  if (names.length === 0) return '';
  const entries = names.map((name) => (functions.has(name) ? `["${name}", ${name}]` : `["${name}"]`)).join(', ');
  return `Object.defineProperties(globalThis, Object.fromEntries([${entries}].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }]))); `;
}
