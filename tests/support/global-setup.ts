import { ensureWebBuild } from '../../apps/server/src/web-build.ts';

/** Builds the web app once before the suites that start servers, unless the build is current. */
export default async function setup() {
  await ensureWebBuild();
}
