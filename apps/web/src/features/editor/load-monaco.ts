import { setUpCellTypeScript } from './typescript-notebook.ts';

export type Monaco = typeof import('monaco-editor/editor');

let loading: Promise<Monaco> | null = null;

const themes = { light: 'cohort-light', dark: 'cohort-dark' } as const;

/** The theme in force: the user's explicit choice (`data-theme`, see ThemeToggle), else the system's. */
function currentTheme(): string {
  const chosen = document.documentElement.dataset.theme;
  const dark = chosen ? chosen === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
  return dark ? themes.dark : themes.light;
}

function defineThemes(monaco: Monaco): void {
  // Transparent, so the cell's own background (a theme token) shows through in both palettes.
  const colors = {
    'editor.background': '#00000000',
    'editorGutter.background': '#00000000',
    'editor.lineHighlightBackground': '#00000000',
    'editor.lineHighlightBorder': '#00000000',
  };
  monaco.editor.defineTheme(themes.light, { base: 'vs', inherit: true, rules: [], colors });
  monaco.editor.defineTheme(themes.dark, { base: 'vs-dark', inherit: true, rules: [], colors });
}

/** Monaco themes are global: one watcher keeps every editor on the page's theme. */
function followPageTheme(monaco: Monaco): void {
  const apply = () => monaco.editor.setTheme(currentTheme());
  apply();
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', apply);
  new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
}

/** A worker started now and handed out on the first request; later requests get fresh ones. */
function startEarly(create: () => Worker): () => Worker {
  let early: Worker | null = create();
  return () => {
    const worker = early ?? create();
    early = null;
    return worker;
  };
}

/**
 * Monaco, bundled and served by us (no CDN), loaded on first use in the browser only: the core
 * editor, its features, TypeScript and Markdown highlighting, and TypeScript IntelliSense for cells
 * (typescript-notebook.ts). Its workers run from our bundle too, started at once (the TypeScript one
 * then fetches the TensorFlow.js declarations), so IntelliSense keeps working offline after load.
 * A failed load (offline before it finished) is tried again on the next call.
 */
export function loadMonaco(): Promise<Monaco> {
  loading ??= (async () => {
    // Both started now, while the page is surely online; Monaco asks for them later (suggestions, links, a TypeScript model), maybe offline.
    const editorWorker = startEarly(() => new Worker(new URL('monaco-editor/editor/editor.worker.js', import.meta.url), { type: 'module' }));
    const typeScriptWorker = startEarly(() => new Worker(new URL('./typescript-cell-worker.ts', import.meta.url), { type: 'module', name: 'typescript' }));
    window.MonacoEnvironment = {
      getWorker: (_workerId, label) => (label === 'typescript' ? typeScriptWorker() : editorWorker()),
    };
    const [monaco, , , , typescript] = await Promise.all([
      import('monaco-editor/editor'),
      import('monaco-editor/features/register.all'),
      import('monaco-editor/languages/definitions/typescript/register'),
      import('monaco-editor/languages/definitions/markdown/register'),
      import('monaco-editor/languages/features/typescript/register'),
    ]);
    setUpCellTypeScript(typescript);
    // Each language's tokenizer is a chunk fetched when first met: meet them now, while online.
    for (const language of ['typescript', 'markdown']) monaco.editor.createModel('', language).dispose();
    defineThemes(monaco);
    followPageTheme(monaco);
    // Editors measure their font on creation; a web font arriving later would misplace carets until remeasured.
    void document.fonts.ready.then(() => monaco.editor.remeasureFonts());
    return monaco;
  })();
  loading.catch(() => (loading = null));
  return loading;
}
