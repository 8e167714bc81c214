import ts from 'typescript';

// Two members every TypeScript release since 2.x has had but typescript.d.ts does not declare.
// The golden tests (syntax errors, top-level await) fail loudly if a TypeScript upgrade drops them.
interface SourceFileInternals {
  /** The parser's syntax errors: what `tsc` reports before type checking. */
  parseDiagnostics: readonly ts.DiagnosticWithLocation[];
  /** Set to make the parser treat the file as a module (so top-level `await` parses as an operator). */
  externalModuleIndicator?: unknown;
}

/** Parses a cell as a TypeScript module (top-level `await` is an operator, as in a notebook cell). */
export function parseCellSource(source: string, fileName: string): { sourceFile: ts.SourceFile; syntaxErrors: readonly ts.DiagnosticWithLocation[] } {
  const sourceFile = ts.createSourceFile(
    fileName,
    source,
    {
      languageVersion: ts.ScriptTarget.Latest,
      setExternalModuleIndicator: (file) => {
        (file as unknown as SourceFileInternals).externalModuleIndicator = true;
      },
    },
    false,
    ts.ScriptKind.TS,
  );
  const { parseDiagnostics } = sourceFile as unknown as SourceFileInternals;
  if (!Array.isArray(parseDiagnostics)) throw new Error('typescript no longer exposes SourceFile.parseDiagnostics');
  return { sourceFile, syntaxErrors: parseDiagnostics };
}
