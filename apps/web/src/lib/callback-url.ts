/**
 * A callbackUrl we may send the browser to after signing in: a path on this site only.
 * "//evil.example" and "/\evil.example" are read by browsers as other hosts, so they are refused.
 */
export function safeCallbackUrl(value: string | string[] | undefined | null, fallback = '/dashboard'): string {
  const url = Array.isArray(value) ? value[0] : value;
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return fallback;
  return url;
}

export function withCallback(path: string, callbackUrl: string): string {
  return callbackUrl === '/dashboard' ? path : `${path}?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}
