/**
 * Running a notebook on a remote kernel worker, end to end in Chromium: an editor switches the
 * notebook to Remote GPU, the iris training runs on the worker that `npm start` embeds, and both
 * browsers see where it ran and its outputs. (Without a GPU here the worker picks wasm.)
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../support/api-client.ts';
import { launchChromium, screenshotBothThemes, screenshotOnFailure } from '../support/browser.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';
import { irisCells } from '../support/iris-cells.ts';
import { cellAt, cellOutput, kernelState, notebookPages, notebookWithCells, runCellButton, storedNotebook, type Person } from '../support/kernel-notebooks.ts';

let cohort: CohortProcess;
let browser: Browser;
let ana: Person;
let ben: Person;
let pages: ReturnType<typeof notebookPages>;

beforeAll(async () => {
  [cohort, browser] = await Promise.all([startCohort(), launchChromium()]);
  [ana, ben] = await Promise.all([signedInUser(cohort.url, 'Ana'), signedInUser(cohort.url, 'Ben')]);
  pages = notebookPages(browser, cohort.url);
});
afterAll(async () => {
  await browser?.close();
  await cohort?.dispose();
});
afterEach(async () => {
  expect(await pages.closeAll()).toEqual([]);
});

describe('remote GPU kernel', () => {
  it('an editor switches the notebook to Remote GPU and trains there; both browsers see the backend, who ran it and the outputs', async () => {
    const notebookId = await notebookWithCells(ana, 'Iris on a worker', irisCells, [[ben, 'editor']]);
    const page = await pages.open(ana, notebookId);
    const benPage = await pages.open(ben, notebookId);
    screenshotOnFailure('remote kernel iris', () => [page, benPage]);

    await page.getByRole('combobox', { name: 'Runtime' }).selectOption('remote');
    // The runtime is the notebook's: Ben's tab follows.
    await kernelState(benPage).filter({ hasText: 'Remote GPU' }).waitFor({ timeout: 10_000 });
    await expect(benPage.getByRole('combobox', { name: 'Runtime' }).inputValue()).resolves.toBe('remote');

    await page.getByRole('button', { name: 'Run all' }).click();
    await cellOutput(page, 2).getByText(/accuracy: \d\.\d{3}/).waitFor({ timeout: 120_000 });
    const accuracy = (await cellOutput(page, 2).innerText()).match(/accuracy: (\d\.\d{3})/)![1]!;
    expect(Number(accuracy)).toBeGreaterThan(0.9);

    for (const tab of [page, benPage]) {
      await kernelState(tab).filter({ hasText: /Remote GPU · (WASM|WebGPU|TensorFlow|CPU)/ }).waitFor({ timeout: 20_000 });
      await cellOutput(tab, 2).getByText(`accuracy: ${accuracy}`).waitFor({ timeout: 20_000 });
      await cellOutput(tab, 2).getByRole('figure').waitFor();
    }
    await cellAt(benPage, 1).getByText(new RegExp(`Ran by ${ana.user.name} · .* · Remote GPU · `)).waitFor();
    // Nothing ran in Ana's browser: no kernel frame was ever made.
    await expect(page.locator('iframe[title="Kernel"]').count()).resolves.toBe(0);

    const stored = await storedNotebook(ana, notebookId);
    expect(stored.runtime).toBe('remote');
    expect(stored.cells[1]!.metadata.cohort).toMatchObject({ run: { by: ana.user.id, runtime: 'remote', status: 'done' } });
    await screenshotBothThemes(benPage, 'remote-kernel-iris');
  });

  it('a remote run goes on with every browser closed, its outputs are there when Ana comes back, and Interrupt and Restart work from the kernel bar', async () => {
    const notebookId = await notebookWithCells(ana, 'Long run', [
      'let ticks = 0;\nfor (let i = 0; i < 6; i++) {\n  await new Promise((resolve) => setTimeout(resolve, 500));\n  ticks++;\n  console.log(`tick ${ticks}`);\n}',
      'ticks * 10',
      'while (true) await new Promise((resolve) => setTimeout(resolve, 100));',
    ]);
    let page = await pages.open(ana, notebookId);
    screenshotOnFailure('remote kernel closed browsers', () => [page]);
    await page.getByRole('combobox', { name: 'Runtime' }).selectOption('remote');
    await runCellButton(page, 0).click();
    await runCellButton(page, 1).click();
    await cellOutput(page, 1).getByText('tick 1').waitFor({ timeout: 60_000 });

    // Every browser closes mid-run; Ana comes back later and finds the outputs.
    expect(await pages.closeAll()).toEqual([]);
    page = await pages.open(ana, notebookId);
    await cellOutput(page, 1).getByText('tick 6').waitFor({ timeout: 30_000 });
    await cellOutput(page, 2).getByText('60').waitFor({ timeout: 30_000 });

    // Interrupt stops an endless loop and keeps the kernel's state.
    await runCellButton(page, 2).click();
    await kernelState(page).filter({ hasText: 'busy' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Interrupt' }).click();
    await cellOutput(page, 3).getByText(/KeyboardInterrupt/).first().waitFor({ timeout: 10_000 });
    await runCellButton(page, 1).click();
    await cellAt(page, 1).getByText('[4]').waitFor({ timeout: 30_000 });
    await expect(cellOutput(page, 2).innerText()).resolves.toContain('60');

    // Restart clears it.
    await page.getByRole('button', { name: 'Restart' }).click();
    await page.getByRole('alert').filter({ hasText: 'restarted' }).waitFor({ timeout: 30_000 });
    await runCellButton(page, 1).click();
    await cellOutput(page, 2).getByText(/ticks is not defined/).first().waitFor({ timeout: 30_000 });
  });
});
