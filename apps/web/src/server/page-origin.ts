import { headers } from 'next/headers';
import { serverContext } from './context.ts';
import { originFromHeaders } from './request.ts';

/** The app's origin as the browser sees it, the same way the API derives it for invite links. */
export async function pageOrigin(): Promise<string> {
  return originFromHeaders(await headers(), serverContext().trustProxy);
}
