import { dispatch } from '@/api/router';

type Context = { params: Promise<{ path: string[] }> };

async function handler(request: Request, { params }: Context) {
  const { path } = await params;
  return dispatch(request, `/${path.join('/')}`);
}

export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
export const dynamic = 'force-dynamic';
