import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNotebook, ORIGIN } from '@cohort/notebook';
import { docSatisfies, within } from '@cohort/sync/testing';
import { signedInUser } from '../support/api-client.ts';
import { launchChromium, newContext, screenshotBothThemes, screenshotOnFailure, signIn } from '../support/browser.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';
import { openLive } from '../support/live-notebook.ts';

const fixturePath = resolve(import.meta.dirname, '../../packages/notebook/test-fixtures/nbformat-4.5.ipynb');

let cohort: CohortProcess;
let browser: Browser;
beforeAll(async () => {
  [cohort, browser] = await Promise.all([startCohort(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await cohort?.dispose();
});

describe('import, history and export in Chromium', () => {
  it('Ana imports a .ipynb (after a broken one), names a version, compares it with later edits, restores it, and downloads the notebook', async () => {
    const { client: api, user: ana } = await signedInUser(cohort.url, 'Ana');
    const page: Page = await (await newContext(browser, cohort.url)).newPage();
    screenshotOnFailure('history-and-ipynb', () => [page]);
    await signIn(page, ana);

    // A broken file: the dialog lists the importer's problems by where they are in the file.
    await page.getByRole('button', { name: 'Import .ipynb' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Import a Jupyter notebook' });
    await dialog.getByLabel('.ipynb file').setInputFiles({
      name: 'broken.ipynb',
      mimeType: 'application/x-ipynb+json',
      buffer: Buffer.from(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'python', source: 'x' }] })),
    });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.getByRole('alert').getByText('/cells/0/cell_type').waitFor();
    await screenshotBothThemes(page, 'import-problems');

    // The real file imports and opens, titled after the file.
    await dialog.getByLabel('.ipynb file').setInputFiles({ name: 'Housing regression.ipynb', mimeType: 'application/x-ipynb+json', buffer: readFileSync(fixturePath) });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await page.waitForURL('**/notebooks/*');
    await page.getByRole('heading', { name: 'Housing regression', level: 1 }).waitFor();
    const notebookId = new URL(page.url()).pathname.split('/').pop()!;

    // She names the current state in the history panel.
    await page.getByRole('button', { name: 'History' }).click();
    const panel = page.getByRole('complementary', { name: 'Version history' });
    await panel.getByLabel('Name this version').fill('As imported');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('button', { name: /As imported/ }).waitFor();

    // Later edits, from another tab of hers.
    const live = await openLive(api, notebookId, { persisted: true });
    await within(10_000, 'synced', live.synced());
    const model = openNotebook(live.doc);
    const imported = model.toJSON();
    model.deleteCell('intro-cell', ORIGIN.user);
    model.editSource('load_data', 0, 0, '// tuned\n', ORIGIN.user);
    model.insertCell(3, { type: 'code', source: 'model.summary()' }, ORIGIN.user);
    await within(10_000, 'saved', live.saved());

    // Open the version read-only, then compare it with now.
    await panel.getByRole('button', { name: /As imported/ }).click();
    const pane = page.getByRole('region', { name: 'Version: As imported' });
    await pane.getByRole('heading', { name: 'Linear regression on housing.csv' }).waitFor();
    await screenshotBothThemes(page, 'history-version');
    await pane.getByRole('tab', { name: 'Compare with now' }).click();
    const changes = pane.getByRole('list', { name: 'Changes since this version' });
    await changes.getByText('Removed since').waitFor();
    await changes.getByText('Added since').waitFor();
    await changes.getByText('// tuned').waitFor();
    await screenshotBothThemes(page, 'history-compare');

    // Restore: the confirmation, a toast, and the document back as imported for everyone.
    await pane.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('dialog', { name: 'Restore this version?' }).getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Restored “As imported”').waitFor();
    await within(10_000, 'restored', docSatisfies(live.doc, (doc) => JSON.stringify(openNotebook(doc).toJSON()) === JSON.stringify(imported)));
    await panel.getByRole('button', { name: /Before restoring As imported/ }).waitFor();
    live.destroy();

    // Download from the File menu.
    await page.getByRole('button', { name: 'File' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Download .ipynb' }).click()]);
    expect(download.suggestedFilename()).toBe('Housing regression.ipynb');
  });
});
