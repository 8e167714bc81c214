import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

/** Screenshots from end-to-end runs (git-ignored). */
export const artifactsDir = resolve(import.meta.dirname, '../.artifacts');

export const viewport = { width: 1280, height: 800 };

/**
 * Debian's Chromium, kept quiet: no background traffic, no updates, no first-run UI. With
 * `webgpu`, WebGPU is on, over SwiftShader (a CPU emulation) where the machine has no GPU.
 */
export function launchChromium({ webgpu = false }: { webgpu?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(webgpu ? ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'] : []),
    ],
  });
}

/** A fresh profile (its own cookies) at 1280×800 whose relative URLs resolve against `baseURL`. */
export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport });
}

/** Signs the person in through the sign-in form, as they would, and waits for their dashboard. */
export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/dashboard');
}

function fileName(name: string): string {
  return name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
}

/** Call at the start of a test: if it fails, each page's screen is saved under tests/.artifacts/. */
export function screenshotOnFailure(testName: string, pages: () => Page[]): void {
  onTestFailed(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    for (const [index, page] of pages().entries()) {
      if (page.isClosed()) continue;
      await page.screenshot({ path: join(artifactsDir, `failed-${fileName(testName)}-${index}.png`), fullPage: true }).catch(() => {});
    }
  });
}

/** Saves the page as it looks in the light and in the dark theme (following the system setting). */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(artifactsDir, `${fileName(name)}-${colorScheme}.png`), animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: null });
}
