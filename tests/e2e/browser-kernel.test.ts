/**
 * Running TypeScript cells in the browser, end to end in Chromium with WebGPU (over SwiftShader
 * on a machine without a GPU): training with a live chart seen by a second browser, interrupting
 * a runaway cell, the user-content sandbox, and a viewer's local run.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@cohort/notebook';
import { signedInUser } from '../support/api-client.ts';
import { launchChromium, screenshotBothThemes, screenshotOnFailure } from '../support/browser.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';
import { irisCells } from '../support/iris-cells.ts';
import { cellAt, cellOutput, kernelState, notebookPages, notebookWithCells, runCellButton, storedNotebook, type Person } from '../support/kernel-notebooks.ts';

let cohort: CohortProcess;
let browser: Browser;
let ana: Person;
let ben: Person;
let maya: Person;
let pages: ReturnType<typeof notebookPages>;

beforeAll(async () => {
  [cohort, browser] = await Promise.all([startCohort(), launchChromium({ webgpu: true })]);
  [ana, ben, maya] = await Promise.all([signedInUser(cohort.url, 'Ana'), signedInUser(cohort.url, 'Ben'), signedInUser(cohort.url, 'Maya')]);
  pages = notebookPages(browser, cohort.url);
});
afterAll(async () => {
  await browser?.close();
  await cohort?.dispose();
});

afterEach(async () => {
  expect(await pages.closeAll()).toEqual([]);
});

const notebookWith = (title: string, sources: string[]) => notebookWithCells(ana, title, sources, [[ben, 'editor'], [maya, 'viewer']]);
const openAs = (person: Person, notebookId: string) => pages.open(person, notebookId);

const streamText = (outputs: Output[]) => outputs.flatMap((item) => (item.output_type === 'stream' ? [item.text] : [])).join('');

describe('browser kernel', () => {
  it('trains on the iris measurements on WebGPU with a live loss chart, and a second browser sees the same outputs', async () => {
    const notebookId = await notebookWith('Iris', irisCells);
    const page = await openAs(ana, notebookId);
    screenshotOnFailure('browser kernel trains iris', () => [page]);
    // Opening a notebook runs nothing.
    await expect(kernelState(page).textContent()).resolves.toContain('not started');

    // SwiftShader is a software GPU, never chosen automatically: the user asks for WebGPU.
    await page.getByRole('combobox', { name: 'Backend' }).selectOption('webgpu');
    await page.getByRole('button', { name: 'Run all' }).click();
    await kernelState(page).filter({ hasText: 'WebGPU' }).waitFor({ timeout: 60_000 });
    await cellOutput(page, 1).getByText(/150,\s*4/).waitFor({ timeout: 60_000 });

    // The chart appears while training runs, then the cell prints its results.
    await cellOutput(page, 2).getByRole('figure').waitFor({ timeout: 60_000 });
    await cellOutput(page, 2).getByText(/accuracy: \d\.\d{3}/).waitFor({ timeout: 120_000 });
    const printed = (await cellOutput(page, 2).innerText()).match(/final loss: (\d+\.\d{4})[\s\S]*accuracy: (\d\.\d{3})/);
    expect(printed, 'the cell printed its final loss and accuracy').not.toBeNull();
    expect(Number(printed![2])).toBeGreaterThan(0.9);
    await cellAt(page, 1).getByText(/Ran by you · .* · WebGPU \(/).waitFor({ timeout: 20_000 });

    // Ben, in another browser, sees the same outputs and who ran them, without running anything.
    const benPage = await openAs(ben, notebookId);
    await cellOutput(benPage, 2).getByText(`accuracy: ${printed![2]}`).waitFor({ timeout: 20_000 });
    await cellOutput(benPage, 2).getByRole('figure').waitFor();
    await cellAt(benPage, 1).getByText(new RegExp(`Ran by ${ana.user.name} · `)).waitFor();
    await expect(kernelState(benPage).textContent()).resolves.toContain('not started');

    // What is stored: the outputs, the run record, and the chart ending with the final loss.
    // (Ben's page shows them, so the server has stored them: it broadcasts only what is stored.)
    const stored = await storedNotebook(ana, notebookId);
    const trained = stored.cells[1]!;
    if (trained.cell_type !== 'code') throw new Error('cell 2 is not a code cell');
    expect(streamText(trained.outputs)).toContain(`accuracy: ${printed![2]}`);
    expect(trained.execution_count).toBe(2);
    expect(trained.metadata.cohort).toMatchObject({ run: { by: ana.user.id, byName: ana.user.name, runtime: 'browser', backend: 'webgpu', status: 'done' } });
    const chart = trained.outputs.flatMap((item) => (item.output_type === 'display_data' ? [item.data['application/vnd.vegalite.v5+json']] : [])).find(Boolean);
    const points = (chart as { data: { values: Array<{ metric: string; value: number }> } }).data.values;
    expect(points.at(-1)!.value.toFixed(4)).toBe(printed![1]);
    expect(stored.runRequests).toEqual([]);
    // The run record travels with the notebook in .ipynb.
    const exported = await ana.client.get(`/notebooks/${notebookId}/ipynb`);
    expect(exported.body.cells[1].metadata.cohort).toEqual(trained.metadata.cohort);

    await screenshotBothThemes(page, 'browser-kernel-iris');
  });

  it('interrupts a runaway loop within 2 s, the editor still responds, and the notebook says the state was lost', async () => {
    const notebookId = await notebookWith('Runaway', ['let counter = 41;', 'while (true) {}', 'counter + 1']);
    const page = await openAs(ana, notebookId);
    screenshotOnFailure('browser kernel interrupt', () => [page]);
    await page.getByRole('button', { name: 'Run all' }).click();
    await cellAt(page, 1).getByText('Running…').waitFor({ timeout: 60_000 });

    // Timed in the page, from pressing Interrupt until the cell says it stopped (the test's own
    // round trips to Chromium are not the user's wait).
    const stoppedAfterMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const cell = document.querySelectorAll('[role="list"][aria-label="Cells"] > [role="listitem"]')[1]!;
          const interrupt = [...document.querySelectorAll('button')].find((button) => button.textContent === 'Interrupt')!;
          const pressed = performance.now();
          const observer = new MutationObserver(() => {
            if (!cell.textContent?.includes('Stopped · run by you')) return;
            observer.disconnect();
            resolve(performance.now() - pressed);
          });
          observer.observe(cell, { subtree: true, childList: true, characterData: true });
          interrupt.click();
        }),
    );
    expect(stoppedAfterMs).toBeLessThan(2_000);
    await page.getByRole('alert').filter({ hasText: 'variables from earlier runs are gone' }).waitFor({ timeout: 5_000 });
    // The cell queued behind the loop was aborted, not run on the fresh kernel.
    await expect(cellOutput(page, 3).count()).resolves.toBe(0);

    // The editor responds: typing lands in the cell.
    await cellAt(page, 2).locator('.view-lines').click();
    await page.keyboard.type('//typed');
    await cellAt(page, 2).getByText('//typed').waitFor({ timeout: 5_000 });

    // A fresh kernel runs the next cells; the old variables are gone.
    await runCellButton(page, 0).click();
    await runCellButton(page, 2).click();
    await cellOutput(page, 3).getByText('42').waitFor({ timeout: 60_000 });
  });

  it('runs the cells above one, and one and those below, in notebook order', async () => {
    const notebookId = await notebookWith('Ranges', ['const base = 2;', 'const squared = base ** 2;', 'squared + 1']);
    const page = await openAs(ana, notebookId);
    screenshotOnFailure('browser kernel run ranges', () => [page]);
    await cellAt(page, 2).click();
    await cellAt(page, 2).getByRole('button', { name: 'Run cells above' }).click();
    await cellAt(page, 1).getByText(/Ran by you/).waitFor({ timeout: 60_000 });
    await expect(cellAt(page, 2).getByText(/Ran by you/).count()).resolves.toBe(0);

    await cellAt(page, 1).click();
    await cellAt(page, 1).getByRole('button', { name: 'Run this cell and below' }).click();
    await cellOutput(page, 3).getByText('5').waitFor({ timeout: 60_000 });
    const counts = await page.getByRole('list', { name: 'Cells' }).getByRole('listitem').evaluateAll((cells) => cells.map((cell) => cell.querySelector('[title^="Execution count"]')?.textContent));
    expect(counts).toEqual(['[1]', '[3]', '[4]']);
  });

  it('keeps cell code away from the app: no cookies, no parent page, no storage, no API calls as the user', async () => {
    const probe = `const results: Record<string, string> = {};
const attempt = async (name: string, action: () => unknown) => {
  try { results[name] = "allowed: " + String(await action()); } catch (error) { results[name] = "refused: " + (error as Error).name; }
};
await attempt("cookie", () => (globalThis as any).document.cookie);
await attempt("parent", () => (globalThis as any).parent.document.title);
await attempt("localStorage", () => (globalThis as any).localStorage.getItem("x"));
await attempt("apiHere", async () => (await fetch("/api/v1/notebooks", { credentials: "include" })).status);
await attempt("apiOfApp", async () => (await fetch(${JSON.stringify(`${cohort.url}/api/v1/notebooks`)}, { credentials: "include" })).status);
results`;
    const notebookId = await notebookWith('Sandbox', [probe]);
    const page = await openAs(ana, notebookId);
    screenshotOnFailure('browser kernel sandbox', () => [page]);
    await page.getByRole('button', { name: 'Run all' }).click();
    await cellOutput(page, 1).getByText('apiOfApp').waitFor({ timeout: 60_000 });
    const text = await cellOutput(page, 1).innerText();
    expect(text).toMatch(/cookie"?: *["']refused: TypeError/);
    expect(text).toMatch(/parent"?: *["']refused: TypeError/);
    expect(text).toMatch(/localStorage"?: *["']refused: TypeError/);
    // Same origin as the frame (user content): no session there.
    expect(text).toMatch(/apiHere"?: *["']allowed: 401/);
    // The app's origin: the browser withholds the response (no CORS), and the cookie is not sent.
    expect(text).toMatch(/apiOfApp"?: *["']refused: TypeError/);
  });

  it("runs a viewer's cells in her browser only: she sees the output marked local, the document is unchanged", async () => {
    const notebookId = await notebookWith('Viewer run', ['6 * 7']);
    const before = await storedNotebook(ana, notebookId);
    const page = await openAs(maya, notebookId);
    screenshotOnFailure('browser kernel viewer run', () => [page]);
    await runCellButton(page, 0).click();
    await cellOutput(page, 1).getByText('42').waitFor({ timeout: 60_000 });
    await cellAt(page, 0).getByText('Local run: only you see this output').waitFor();

    const anaPage = await openAs(ana, notebookId);
    await cellAt(anaPage, 0).waitFor();
    await expect(cellOutput(anaPage, 1).count()).resolves.toBe(0);
    const after = await storedNotebook(ana, notebookId);
    expect(after.cells).toEqual(before.cells);
    expect(after.runRequests).toEqual([]);
  });
});
