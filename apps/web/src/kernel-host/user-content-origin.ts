/**
 * The origin cell code runs on, in its iframe: never the app's own, so the app's cookies, storage
 * and API stay out of its reach (DESIGN.md, Security model). A configured origin wins; without one,
 * an app on localhost uses 127.0.0.1 with the same port, and the other way round. Any other app
 * host needs the origin configured: null then, and the notebook says so instead of running code.
 */
export function userContentOrigin(appOrigin: string, configured: string | null): string | null {
  if (configured) return configured === appOrigin ? null : configured;
  const url = new URL(appOrigin);
  const swapped = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' }[url.hostname];
  if (!swapped) return null;
  url.hostname = swapped;
  return url.origin;
}
