import { collectTypeLibrary, findNodeModules } from '@/features/editor/typescript-type-library';

// Built once by `next build` from the installed packages and served as a static file: the
// TensorFlow.js declarations the editor's TypeScript worker fetches (typescript-cell-worker.ts).
export const dynamic = 'force-static';

export function GET() {
  return Response.json(collectTypeLibrary(findNodeModules(/* turbopackIgnore: true */ process.cwd())));
}
