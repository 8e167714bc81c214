import type * as ts from 'typescript';
import { TypeScriptWorker, type CreateData, type WorkerContext } from 'monaco-editor/languages/features/typescript/tsWorker';
import { typescript } from 'monaco-editor/languages/features/typescript/lib/typescriptServices';
import { cellFile, cellIdOfUri, cellPrelude, notebookCellsLib, toCellSpan, type CellCode, type CellFile, type TextSpan } from './typescript-cell-source.ts';
import type { TypeLibrary } from './typescript-type-library.ts';

/** Where the TensorFlow.js declarations live for TypeScript's module resolution (cells are under file:///notebook/). */
export const libraryRoot = 'file:///node_modules/';

// Declaring a name an earlier cell declared too is how a notebook rebinds it (the kernel's scope
// is shared), so these are dropped in a cell when the earlier cells also declare that name.
const redeclarationCodes = new Set([
  2300, // Duplicate identifier '{0}'.
  2393, // Duplicate function implementation.
  2440, // Import declaration conflicts with local declaration of '{0}'.
  2451, // Cannot redeclare block-scoped variable '{0}'.
]);

function parses(source: string): boolean {
  const file = typescript.createSourceFile('cell.ts', source, typescript.ScriptTarget.Latest);
  // parseDiagnostics is internal but stable across TypeScript versions; it holds the syntax errors.
  return (file as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics.length === 0;
}

/**
 * Monaco's TypeScript worker, made to see a notebook: each cell's model is read as the virtual
 * file "earlier cells + this cell" (see typescript-cell-source.ts), positions are moved into and
 * out of it, and only what lies in the cell itself comes back. The TensorFlow.js declarations come
 * from `typeLibrary` (fetched once); every request waits for it, so no cell ever sees a false
 * "cannot find module" while it loads.
 */
export class CellTypeScriptWorker extends TypeScriptWorker {
  #library: TypeLibrary = { files: {}, globals: [] };
  readonly #ready: Promise<void>;
  #cells: { version: number; list: CellCode[] } = { version: 0, list: [] };
  #parsed = new Map<string, boolean>();

  constructor(ctx: WorkerContext, createData: CreateData, typeLibrary: Promise<TypeLibrary>) {
    super(ctx, createData);
    // Without it (the request failed) the rest still works: the cells' code, the globals, the DOM and ES libs.
    this.#ready = typeLibrary.then(
      (library) => void (this.#library = library),
      () => {},
    );
  }

  #notebookCells(): { version: number; list: CellCode[] } {
    const lib = this.getExtraLibs()[notebookCellsLib];
    if (lib && lib.version !== this.#cells.version) {
      const list = JSON.parse(lib.content) as CellCode[];
      // Keep what is known of the sources still there; forget the rest.
      this.#parsed = new Map(list.flatMap((cell) => (this.#parsed.has(cell.source) ? [[cell.source, this.#parsed.get(cell.source)!] as const] : [])));
      this.#cells = { version: lib.version, list };
    }
    return this.#cells;
  }

  #parses = (source: string): boolean => {
    let result = this.#parsed.get(source);
    if (result === undefined) this.#parsed.set(source, (result = parses(source)));
    return result;
  };

  /** The virtual file of a cell's model; null for other files. */
  #cellFile(fileName: string): CellFile | null {
    const cellId = cellIdOfUri(fileName);
    const source = cellId === null ? undefined : super._getScriptText(fileName);
    if (cellId === null || source === undefined) return null;
    return cellFile(cellPrelude(this.#notebookCells().list, cellId, this.#parses), source);
  }

  override getScriptFileNames(): string[] {
    const own = super.getScriptFileNames().filter((name) => name !== notebookCellsLib);
    return [...own, ...this.#library.globals.map((path) => libraryRoot + path)];
  }

  override getScriptVersion(fileName: string): string {
    if (fileName.startsWith(libraryRoot)) return '1';
    const version = super.getScriptVersion(fileName);
    return cellIdOfUri(fileName) === null ? version : `${version}:${this.#notebookCells().version}`;
  }

  override _getScriptText(fileName: string): string | undefined {
    if (fileName.startsWith(libraryRoot)) return this.#library.files[fileName.slice(libraryRoot.length)];
    return this.#cellFile(fileName)?.text ?? super._getScriptText(fileName);
  }

  /** The cell's virtual file once the library is there; null (no mapping) for other files. */
  async #cellFileWhenReady(fileName: string): Promise<CellFile | null> {
    await this.#ready;
    return this.#cellFile(fileName);
  }

  #diagnostics(fileName: string, file: CellFile | null, diagnostics: ts.Diagnostic[]): ts.Diagnostic[] {
    if (!file) return diagnostics;
    const nameAt = (d: ts.Diagnostic) => file.text.slice(d.start ?? 0, (d.start ?? 0) + (d.length ?? 0));
    const redeclaredAbove = new Set(diagnostics.filter((d) => redeclarationCodes.has(d.code) && (d.start ?? 0) < file.offset).map(nameAt));
    return diagnostics.flatMap((diagnostic) => {
      const span = toCellSpan({ start: diagnostic.start ?? 0, length: diagnostic.length ?? 0 }, file);
      if (!span) return [];
      if (redeclarationCodes.has(diagnostic.code) && (diagnostic.code === 2440 || redeclaredAbove.has(nameAt(diagnostic)))) return [];
      const relatedInformation = diagnostic.relatedInformation?.flatMap((related) => {
        const relatedSpan = related.file?.fileName === fileName ? toCellSpan({ start: related.start ?? 0, length: related.length ?? 0 }, file) : null;
        return relatedSpan ? [{ ...related, ...relatedSpan }] : [];
      });
      return [{ ...diagnostic, ...span, relatedInformation }];
    });
  }

  override async getSyntacticDiagnostics(fileName: string): Promise<ts.Diagnostic[]> {
    const file = await this.#cellFileWhenReady(fileName);
    return this.#diagnostics(fileName, file, await super.getSyntacticDiagnostics(fileName));
  }

  override async getSemanticDiagnostics(fileName: string): Promise<ts.Diagnostic[]> {
    const file = await this.#cellFileWhenReady(fileName);
    return this.#diagnostics(fileName, file, await super.getSemanticDiagnostics(fileName));
  }

  override async getSuggestionDiagnostics(fileName: string): Promise<ts.Diagnostic[]> {
    const file = await this.#cellFileWhenReady(fileName);
    // "Declared but never read" is wrong in a notebook: the cells below read it, and they are not in this file.
    const suggestions = (await super.getSuggestionDiagnostics(fileName)).filter((diagnostic) => !diagnostic.reportsUnnecessary);
    return this.#diagnostics(fileName, file, suggestions);
  }

  override async getCompletionsAtPosition(fileName: string, position: number): Promise<ts.CompletionInfo | undefined> {
    const file = await this.#cellFileWhenReady(fileName);
    const info = await super.getCompletionsAtPosition(fileName, position + (file?.offset ?? 0));
    if (!info || !file) return info;
    const inCell = (span: TextSpan | undefined) => (span && toCellSpan(span, file)) ?? undefined;
    return {
      ...info,
      optionalReplacementSpan: inCell(info.optionalReplacementSpan),
      entries: info.entries.map((entry) => (entry.replacementSpan ? { ...entry, replacementSpan: inCell(entry.replacementSpan) } : entry)),
    };
  }

  override async getCompletionEntryDetails(fileName: string, position: number, entry: string): Promise<ts.CompletionEntryDetails | undefined> {
    const file = await this.#cellFileWhenReady(fileName);
    return super.getCompletionEntryDetails(fileName, position + (file?.offset ?? 0), entry);
  }

  override async getSignatureHelpItems(fileName: string, position: number, options: ts.SignatureHelpItemsOptions | undefined): Promise<ts.SignatureHelpItems | undefined> {
    const file = await this.#cellFileWhenReady(fileName);
    const help = await super.getSignatureHelpItems(fileName, position + (file?.offset ?? 0), options);
    if (!help || !file) return help;
    const applicableSpan = toCellSpan(help.applicableSpan, file);
    return applicableSpan ? { ...help, applicableSpan } : undefined;
  }

  override async getQuickInfoAtPosition(fileName: string, position: number): Promise<ts.QuickInfo | undefined> {
    const file = await this.#cellFileWhenReady(fileName);
    const info = await super.getQuickInfoAtPosition(fileName, position + (file?.offset ?? 0));
    if (!info || !file) return info;
    const textSpan = toCellSpan(info.textSpan, file);
    return textSpan ? { ...info, textSpan } : undefined;
  }

  override async getDocumentHighlights(fileName: string, position: number, filesToSearch: string[]): Promise<ts.DocumentHighlights[] | undefined> {
    const file = await this.#cellFileWhenReady(fileName);
    const highlights = await super.getDocumentHighlights(fileName, position + (file?.offset ?? 0), filesToSearch);
    if (!highlights || !file) return highlights;
    return highlights
      .filter((entry) => entry.fileName === fileName)
      .map((entry) => ({
        ...entry,
        highlightSpans: entry.highlightSpans.flatMap((highlight) => {
          const textSpan = toCellSpan(highlight.textSpan, file);
          return textSpan ? [{ ...highlight, textSpan }] : [];
        }),
      }));
  }
}
