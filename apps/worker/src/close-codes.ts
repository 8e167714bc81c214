/**
 * Close codes of the worker's kernel sockets (SPEC.md § Close codes). They mirror HTTP statuses,
 * like the sync server's (packages/sync-auth closeCodes); the close reason says why in words.
 */
export const closeCodes = {
  /** A frame that is not a kernel protocol message (binary, not JSON, unknown type, bad content). */
  badMessage: 4400,
  /** Missing, malformed, forged or expired token, or a token for another kernel id. */
  unauthenticated: 4401,
  /** The notebook named by the token does not exist. */
  notFound: 4404,
  /** The kernel id belongs to a kernel on another worker that is still alive. */
  conflict: 4409,
  /** The kernel has ended (out of memory, idle, died, stopped): its id is never used again. The reason says why. */
  kernelGone: 4410,
  /** The worker runs as many kernels as its capacity allows. */
  atCapacity: 4503,
  /** The worker is shutting down (standard "going away"). */
  goingAway: 1001,
} as const;

/** A WebSocket close reason is at most 123 bytes of UTF-8. */
export function closeReason(text: string): string {
  const encoded = Buffer.from(text);
  if (encoded.length <= 123) return text;
  return `${new TextDecoder().decode(encoded.subarray(0, 120)).replace(/\uFFFD$/, '')}...`;
}
