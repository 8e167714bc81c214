import { gzipSync } from 'node:zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, openNotebook } from '@cohort/notebook';
import { signedInUser, type ApiClient, type TestUser } from '../support/api-client.ts';
import { launchChromium, newContext, screenshotOnFailure } from '../support/browser.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';
import { openLive } from '../support/live-notebook.ts';

let cohort: CohortProcess;
let browser: Browser;
let ana: { client: ApiClient; user: TestUser };

beforeAll(async () => {
  [cohort, browser] = await Promise.all([startCohort(), launchChromium()]);
  ana = await signedInUser(cohort.url, 'Ana');
});
afterAll(async () => {
  await browser?.close();
  await cohort?.dispose();
});

/** A notebook of Ana's with these code cells, stored by the server. */
async function notebookWith(sources: string[]): Promise<string> {
  const created = await ana.client.post('/notebooks', { title: 'IntelliSense' });
  expect(created.status).toBe(201);
  const client = await openLive(ana.client, created.body.id, { persisted: true });
  await client.synced();
  const notebook = openNotebook(client.doc);
  client.doc.transact(() => {
    for (const id of notebook.cellIds()) notebook.deleteCell(id, ORIGIN.user);
    for (const source of sources) notebook.insertCell(notebook.cellIds().length, { type: 'code', source }, ORIGIN.user);
  });
  await client.saved();
  client.destroy();
  return created.body.id;
}

const cellAt = (page: Page, index: number) => page.getByRole('list', { name: 'Cells' }).getByRole('listitem').nth(index);
/** The suggestion list's entry with exactly this label. */
const suggestion = (page: Page, label: string) => page.locator('.suggest-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });

/** Moves the mouse onto the first character of the first occurrence of `text` in a cell's editor (Monaco may render it inside a longer token). */
async function hoverText(page: Page, cell: Locator, text: string): Promise<void> {
  const point = await cell.locator('.view-lines').evaluate((lines, wanted) => {
    const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    return null;
  }, text);
  if (!point) throw new Error(`${text} is not in the cell`);
  await page.mouse.move(point.x, point.y);
}

async function clickEndOfLine(page: Page, cell: Locator, line: number): Promise<void> {
  await cell.locator('.view-line').nth(line).click();
  await page.keyboard.press('End');
}

describe('IntelliSense in code cells', () => {
  it('completes, hovers, checks and shows signatures with TensorFlow.js types, the kernel globals and earlier cells’ declarations', async () => {
    const notebookId = await notebookWith([
      'import * as tf from "@tensorflow/tfjs";\nconst xs = tf.tensor2d([[1, 2]]);',
      'const model = tf.sequential();\nconst n: number = "a";',
      '',
    ]);
    const context = await newContext(browser, cohort.url);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    screenshotOnFailure('intellisense', () => [page]);
    // What the browser downloads for IntelliSense: the TypeScript worker's script and the type library.
    const downloads: Array<{ url: string; bytes: Buffer }> = [];
    page.on('response', (response) => {
      const url = response.url();
      if (url.includes('/editor/typescript-libs.json') || (response.request().resourceType() === 'script' && /typescript|ts\.worker/i.test(url)) || url.includes('worker')) {
        void response.body().then((bytes) => downloads.push({ url, bytes }), () => {});
      }
    });

    await page.goto('/signin');
    await page.getByLabel('E-mail').fill(ana.user.email);
    await page.getByLabel('Password').fill(ana.user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/dashboard');
    const opened = Date.now();
    await page.goto(`/notebooks/${notebookId}`);

    // Cell 2 sees `xs` from cell 1: its members are the tensor methods.
    const second = cellAt(page, 1);
    await second.locator('.monaco-editor').waitFor();
    await clickEndOfLine(page, second, 1);
    await page.keyboard.press('Enter');
    await page.keyboard.type('xs.res');
    await suggestion(page, 'reshape').waitFor({ timeout: 60_000 });
    console.log(`IntelliSense: completions shown ${Date.now() - opened} ms after opening the notebook (typing included)`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('matM');
    await suggestion(page, 'matMul').waitFor();
    await page.keyboard.press('Escape');

    // Hovering tf.sequential shows its signature from the TensorFlow.js declarations.
    await hoverText(page, second, 'sequential');
    await page.locator('.monaco-hover', { hasText: 'sequential(config?: tf.SequentialArgs): tf.Sequential' }).first().waitFor();
    await page.mouse.move(0, 0); // away, so that hover closes

    // The type error of line 2 is marked, with TypeScript's message on hover.
    await second.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await hoverText(page, second, 'n:');
    await page.locator('.monaco-hover', { hasText: "Type 'string' is not assignable to type 'number'" }).first().waitFor();

    // display( in cell 3 shows the signature declared by the kernel's globals.
    const third = cellAt(page, 2);
    await third.locator('.view-line').first().click();
    await page.keyboard.type('display(');
    await page.locator('.parameter-hints-widget', { hasText: 'display(value: unknown): DisplayHandle' }).waitFor();

    const sizes = downloads.map(({ url, bytes }) => ({ url: new URL(url).pathname, bytes: bytes.length, gzip: gzipSync(bytes).length }));
    console.log(`IntelliSense downloads: ${JSON.stringify(sizes)}`);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
