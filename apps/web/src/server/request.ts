/** Header the host process (apps/server) sets to the socket's address; any client-sent value is replaced. */
export const clientAddressHeader = 'x-cohort-client-address';

export function clientAddress(headers: Headers, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get(clientAddressHeader) ?? 'unknown';
}

/** The app's origin as the client sees it: from the Host header, or X-Forwarded-* behind a trusted proxy. */
export function originFromHeaders(headers: Headers, trustProxy: boolean, protocol = 'http:'): string {
  const forwardedProto = trustProxy ? headers.get('x-forwarded-proto') : null;
  const forwardedHost = trustProxy ? headers.get('x-forwarded-host') : null;
  return `${forwardedProto ? `${forwardedProto}:` : protocol}//${forwardedHost ?? headers.get('host') ?? 'localhost'}`;
}
