/**
 * A thrown value as Jupyter's error output: name, message, and a traceback that names the cell
 * and the TypeScript line:column of each frame in cell code (mapped with the compiler's
 * originalPosition), leaving out the runtime's and libraries' own frames.
 */
import { inspect } from './inspect.ts';

export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

export interface CellSource {
  cellId: string;
  /** TypeScript position of a position in the compiled code, or null for generated code. */
  originalPosition(line: number, column: number): { line: number; column: number } | null;
}

/** Finds the compiled cell a stack frame's file name belongs to. */
export type CellLookup = (fileName: string) => CellSource | undefined;

// V8: "    at name (file:line:col)", "    at file:line:col", "    at async name (...)";
// SpiderMonkey and JavaScriptCore: "name@file:line:col".
const v8Frame = /^\s*at (?:async )?(?:(.+?) \()?(.+?):(\d+):(\d+)\)?\s*$/;
const geckoFrame = /^(.*?)@(.+?):(\d+):(\d+)\s*$/;

export function describeError(thrown: unknown, cells: CellLookup): CellError {
  if (!(thrown instanceof Error) && !isErrorLike(thrown)) {
    const evalue = inspect(thrown);
    return { ename: 'Error', evalue, traceback: [`Uncaught ${evalue}`] };
  }
  const ename = thrown.name || 'Error';
  const evalue = String(thrown.message);
  const hint = backendHint(evalue);
  return { ename, evalue, traceback: [`${ename}: ${evalue}`, ...cellFrames(thrown.stack ?? '', cells), ...(hint ? [hint] : [])] };
}

const missingKernel = /Kernel '(\w+)' not registered for backend '(\w+)'/;

/**
 * TensorFlow.js backends lack some operations (wasm 4.22 cannot train convolutions: no
 * Conv2DBackpropFilter). Say what to do instead of leaving the user with an internal name.
 */
function backendHint(message: string): string | undefined {
  const match = missingKernel.exec(message);
  if (!match) return undefined;
  return `Hint: the ${match[2]} backend cannot run ${match[1]}. Pick another backend (CPU, or a GPU one) in the notebook's Backend menu and run again.`;
}

/** Errors from another realm fail `instanceof Error`. */
function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' && typeof (value as Error).name === 'string';
}

export function cellFrames(stack: string, cells: CellLookup): string[] {
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    const match = v8Frame.exec(line) ?? geckoFrame.exec(line);
    if (!match) continue;
    const [, functionName, fileName, lineText, columnText] = match;
    const cell = cells(fileName!);
    if (!cell) continue;
    const position = cell.originalPosition(Number(lineText), Number(columnText));
    if (!position) continue;
    const where = `cell ${cell.cellId}, line ${position.line}:${position.column}`;
    const name = functionName && !/^(eval|<anonymous>|Object\.<anonymous>)$/.test(functionName) ? functionName : undefined;
    frames.push(name ? `    at ${name} (${where})` : `    at ${where}`);
  }
  return frames;
}
