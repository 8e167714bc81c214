/** Header the host process (apps/server) sets to the socket's address; any client-sent value is replaced. */
export const clientAddressHeader = 'x-cohort-client-address';

export function clientAddress(headers: Headers, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get(clientAddressHeader) ?? 'unknown';
}
