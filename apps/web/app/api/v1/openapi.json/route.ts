import { openApiDocument } from '@/api/openapi';
import { routes } from '@/api/registry';
import { serverContext } from '@/server/context';

export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json(openApiDocument(routes, serverContext().version));
}
