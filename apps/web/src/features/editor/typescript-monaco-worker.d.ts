// monaco-editor 0.57 ships its TypeScript worker as JavaScript without declarations; these are the
// parts of it the cell worker builds on (see node_modules/monaco-editor/esm/vs/languages/features/typescript/tsWorker.js).

declare module 'monaco-editor/languages/features/typescript/tsWorker' {
  import type * as ts from 'typescript';

  export interface MirrorModel {
    readonly uri: { readonly path: string; toString(): string };
    readonly version: number;
    getValue(): string;
  }

  export interface WorkerContext {
    getMirrorModels(): MirrorModel[];
  }

  export interface ExtraLibs {
    [path: string]: { content: string; version: number };
  }

  export interface CreateData {
    compilerOptions: ts.CompilerOptions;
    extraLibs: ExtraLibs;
    inlayHintsOptions?: ts.UserPreferences;
  }

  /** Monaco's language service host over the mirrored models and extra libs; its methods are what the editor calls. */
  export class TypeScriptWorker implements ts.LanguageServiceHost {
    constructor(ctx: WorkerContext, createData: CreateData);
    getCompilationSettings(): ts.CompilerOptions;
    getLanguageService(): ts.LanguageService;
    getExtraLibs(): ExtraLibs;
    getScriptFileNames(): string[];
    getScriptVersion(fileName: string): string;
    getScriptSnapshot(fileName: string): ts.IScriptSnapshot | undefined;
    getCurrentDirectory(): string;
    getDefaultLibFileName(options: ts.CompilerOptions): string;
    readFile(path: string): string | undefined;
    fileExists(path: string): boolean;
    _getScriptText(fileName: string): string | undefined;
    getSyntacticDiagnostics(fileName: string): Promise<ts.Diagnostic[]>;
    getSemanticDiagnostics(fileName: string): Promise<ts.Diagnostic[]>;
    getSuggestionDiagnostics(fileName: string): Promise<ts.Diagnostic[]>;
    getCompletionsAtPosition(fileName: string, position: number): Promise<ts.CompletionInfo | undefined>;
    getCompletionEntryDetails(fileName: string, position: number, entry: string): Promise<ts.CompletionEntryDetails | undefined>;
    getSignatureHelpItems(fileName: string, position: number, options: ts.SignatureHelpItemsOptions | undefined): Promise<ts.SignatureHelpItems | undefined>;
    getQuickInfoAtPosition(fileName: string, position: number): Promise<ts.QuickInfo | undefined>;
    getDocumentHighlights(fileName: string, position: number, filesToSearch: string[]): Promise<ts.DocumentHighlights[] | undefined>;
    updateExtraLibs(extraLibs: ExtraLibs): Promise<void>;
  }
}

declare module 'monaco-editor/languages/features/typescript/lib/typescriptServices' {
  import type * as ts from 'typescript';

  export const typescript: typeof ts;
}

declare module 'monaco-editor/internal/common/initialize' {
  import type { CreateData, WorkerContext } from 'monaco-editor/languages/features/typescript/tsWorker';

  /** Starts Monaco's worker protocol; `create` makes the object whose methods the editor calls. */
  export function initialize(create: (ctx: WorkerContext, createData: CreateData) => object): void;
}
