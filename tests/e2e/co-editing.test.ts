import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, openNotebook, type CellType } from '@cohort/notebook';
import { connectClient, within } from '@cohort/sync/testing';
import { signedInUser, type ApiClient, type TestUser } from '../support/api-client.ts';
import { launchChromium, newContext, screenshotBothThemes, screenshotOnFailure, signIn } from '../support/browser.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';

let cohort: CohortProcess;
let browser: Browser;
let ana: { client: ApiClient; user: TestUser };
let ben: { client: ApiClient; user: TestUser };
let maya: { client: ApiClient; user: TestUser };

beforeAll(async () => {
  [cohort, browser] = await Promise.all([startCohort(), launchChromium()]);
  [ana, ben, maya] = await Promise.all([signedInUser(cohort.url, 'Ana'), signedInUser(cohort.url, 'Ben'), signedInUser(cohort.url, 'Maya')]);
});
afterAll(async () => {
  await browser?.close();
  await cohort?.dispose();
});

/** Uncaught errors in any tab of the current test; none are expected, offline or not. */
let pageErrors: string[] = [];
afterEach(() => {
  const errors = pageErrors;
  pageErrors = [];
  expect(errors).toEqual([]);
});

async function createNotebook(title: string, editors: TestUser[] = [], viewers: TestUser[] = []): Promise<string> {
  const created = await ana.client.post('/notebooks', { title });
  expect(created.status).toBe(201);
  const shares = [...editors.map((user) => [user, 'editor'] as const), ...viewers.map((user) => [user, 'viewer'] as const)];
  for (const [user, role] of shares) {
    expect((await ana.client.put(`/notebooks/${created.body.id}/shares`, { handle: user.handle, role })).status).toBe(200);
  }
  return created.body.id;
}

/** Replaces the notebook's cells (the server seeds one empty code cell) as another client would, in one transaction, and waits until the server stored them. */
async function fillNotebook(notebookId: string, cells: Array<{ type: CellType; source: string }>): Promise<void> {
  const grant = await ana.client.get(`/notebooks/${notebookId}/sync-token`);
  const client = connectClient({ serverUrl: `${cohort.url.replace(/^http/, 'ws')}/sync`, notebookId, token: grant.body.token, origin: cohort.url, persisted: true });
  await within(10_000, 'synced', client.synced());
  const notebook = openNotebook(client.doc);
  client.doc.transact(() => {
    for (const id of notebook.cellIds()) notebook.deleteCell(id, ORIGIN.user);
    for (const cell of cells) notebook.insertCell(notebook.cellIds().length, { type: cell.type, source: cell.source }, ORIGIN.user);
  });
  await within(20_000, 'saved', client.saved());
  client.destroy();
}

/** A signed-in tab at 1280×800 on the notebook. */
async function openAs(person: { user: TestUser }, notebookId: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, cohort.url);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${person.user.name}: ${error.message}`));
  await signIn(page, person.user);
  await page.goto(`/notebooks/${notebookId}`);
  return { context, page };
}

const status = (page: Page) => page.getByRole('status', { name: 'Sync status' });
const cellList = (page: Page) => page.getByRole('list', { name: 'Cells' });
const cellAt = (page: Page, index: number) => cellList(page).getByRole('listitem').nth(index);

async function waitForStatus(page: Page, text: 'Saved' | 'Offline' | 'Syncing…'): Promise<void> {
  await status(page).filter({ hasText: text }).waitFor({ timeout: 20_000 });
}

/** The text of a cell's editor as Monaco shows it. */
async function editorText(cell: Locator): Promise<string> {
  const lines = await cell.locator('.view-line').evaluateAll((elements) =>
    elements
      .map((element) => ({ top: parseFloat((element as HTMLElement).style.top), text: element.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text.replace(/\u00a0/g, ' ')),
  );
  return lines.join('\n');
}

async function waitForText(cell: Locator, expected: (text: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const text = await editorText(cell);
    if (expected(text)) return text;
    if (Date.now() > deadline) throw new Error(`${what}: the editor shows ${JSON.stringify(text)}`);
    await cell.page().waitForTimeout(100);
  }
}

/** Waits until a cell editor has the keyboard focus (edit mode). */
const inEditMode = (page: Page) => page.waitForFunction(() => document.activeElement?.closest('.monaco-editor') != null);

/** Ids of the cells in the order the page shows them. */
const cellIds = (page: Page) => cellList(page).getByRole('listitem').evaluateAll((items) => items.map((item) => item.getAttribute('data-cell-id')));

async function typeAtEndOfLine(page: Page, cell: Locator, line: number, text: string): Promise<void> {
  await cell.locator('.view-line').nth(line).click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

describe('co-editing a notebook in two browsers', () => {
  it('Ana and Ben type into the same cell, each sees the other’s text and named cursor, and both reach "Saved"; undo in Ana’s tab removes only Ana’s edit', async () => {
    const notebookId = await createNotebook('Shared MLP', [ben.user]);
    const anaTab = await openAs(ana, notebookId);
    const benTab = await openAs(ben, notebookId);
    screenshotOnFailure('co-editing-same-cell', () => [anaTab.page, benTab.page]);

    // Ana types into the empty cell a new notebook starts with.
    const anaCell = cellAt(anaTab.page, 0);
    await anaCell.locator('.view-line').first().click();
    await anaTab.page.keyboard.type('const ana = 1;');

    // Ben sees it, adds a line of his own.
    const benCell = cellAt(benTab.page, 0);
    await waitForText(benCell, (text) => text === 'const ana = 1;', 'Ben sees Ana’s line');
    await typeAtEndOfLine(benTab.page, benCell, 0, '\nconst ben = 2;');

    await waitForText(anaCell, (text) => text === 'const ana = 1;\nconst ben = 2;', 'Ana sees Ben’s line');
    await waitForText(benCell, (text) => text === 'const ana = 1;\nconst ben = 2;', 'Ben keeps both lines');

    // Each sees the other's caret, flagged with the name.
    await anaCell.getByRole('note', { name: `${ben.user.name}'s cursor` }).filter({ hasText: ben.user.name }).waitFor();
    await typeAtEndOfLine(anaTab.page, anaCell, 0, ' // Ana');
    await benCell.getByRole('note', { name: `${ana.user.name}'s cursor` }).filter({ hasText: ana.user.name }).waitFor();
    await waitForText(benCell, (text) => text === 'const ana = 1; // Ana\nconst ben = 2;', 'Ben sees Ana’s comment');

    await waitForStatus(anaTab.page, 'Saved');
    await waitForStatus(benTab.page, 'Saved');

    // Ben adds to his line; Ana undoes: only her comment goes, in both tabs.
    await typeAtEndOfLine(benTab.page, benCell, 1, ' // Ben');
    await waitForText(anaCell, (text) => text.endsWith('// Ben'), 'Ana sees Ben’s comment');
    await anaCell.locator('.view-line').first().click();
    await anaTab.page.keyboard.press('ControlOrMeta+z');
    const expected = 'const ana = 1;\nconst ben = 2; // Ben';
    await waitForText(anaCell, (text) => text === expected, 'Ana’s undo in her tab');
    await waitForText(benCell, (text) => text === expected, 'Ana’s undo in Ben’s tab');
    await waitForStatus(anaTab.page, 'Saved');

    await anaTab.context.close();
    await benTab.context.close();
  });

  it('Ben edits offline; when he is back both tabs show the same cells in the same order, no duplicates, with both people’s text', async () => {
    const notebookId = await createNotebook('Offline edits', [ben.user]);
    await fillNotebook(notebookId, [{ type: 'code', source: 'const model = tf.sequential();' }]);
    const anaTab = await openAs(ana, notebookId);
    const benTab = await openAs(ben, notebookId);
    screenshotOnFailure('co-editing-offline', () => [anaTab.page, benTab.page]);
    await waitForStatus(anaTab.page, 'Saved');
    await waitForStatus(benTab.page, 'Saved');
    await cellAt(benTab.page, 0).locator('.monaco-editor').waitFor();

    await benTab.context.setOffline(true);
    await waitForStatus(benTab.page, 'Offline');

    // Offline, Ben adds a cell below the first (command mode: Escape, B) and types in it.
    await cellAt(benTab.page, 0).locator('.view-line').first().click();
    await benTab.page.keyboard.press('Escape');
    await benTab.page.keyboard.press('b');
    await benTab.page.keyboard.press('Enter');
    await inEditMode(benTab.page);
    await benTab.page.keyboard.type('model.add(tf.layers.dense({ units: 10 }));');

    // Meanwhile Ana, online, edits the first cell and adds one of her own at the end.
    await typeAtEndOfLine(anaTab.page, cellAt(anaTab.page, 0), 0, ' // Ana');
    await anaTab.page.getByRole('button', { name: '+ Markdown' }).click();
    await inEditMode(anaTab.page);
    await anaTab.page.keyboard.type('## Notes by Ana');
    await anaTab.page.keyboard.press('Escape');
    await waitForStatus(anaTab.page, 'Saved');
    expect(await cellList(benTab.page).getByRole('listitem').count()).toBe(2);

    await benTab.context.setOffline(false);
    await waitForStatus(benTab.page, 'Saved');
    await waitForStatus(anaTab.page, 'Saved');

    // Ben's and Ana's new cells went into the same gap concurrently: either order is right, as long as it is the same in both tabs.
    const deadline = Date.now() + 10_000;
    while ((await cellIds(anaTab.page)).length !== 3 && Date.now() < deadline) await anaTab.page.waitForTimeout(100);
    const anaIds = await cellIds(anaTab.page);
    expect(anaIds).toHaveLength(3);
    expect(new Set(anaIds).size).toBe(3);
    expect(await cellIds(benTab.page)).toEqual(anaIds);
    const expected = ['const model = tf.sequential(); // Ana', 'model.add(tf.layers.dense({ units: 10 }));', 'Notes by Ana'];
    for (const { page } of [anaTab, benTab]) {
      await waitForText(cellAt(page, 0), (text) => text === expected[0], 'first cell');
      const rest = await Promise.all([1, 2].map(async (i) => ((await cellAt(page, i).locator('.view-line').count()) ? editorText(cellAt(page, i)) : cellAt(page, i).getByRole('heading').innerText())));
      expect(rest.map((text) => text.trim()).sort()).toEqual(expected.slice(1).sort());
    }
    expect(await Promise.all([1, 2].map((i) => cellAt(benTab.page, i).getAttribute('aria-label')))).toEqual(
      await Promise.all([1, 2].map((i) => cellAt(anaTab.page, i).getAttribute('aria-label'))),
    );

    await anaTab.context.close();
    await benTab.context.close();
  });

  it('the keyboard model: Escape to command mode, A/B insert, M/Y change type, arrows select, Ctrl/Cmd+Shift+arrows move, D,D delete', async () => {
    const notebookId = await createNotebook('Keyboard');
    await fillNotebook(notebookId, [{ type: 'code', source: 'first' }]);
    const { context, page } = await openAs(ana, notebookId);
    screenshotOnFailure('co-editing-keyboard', () => [page]);
    const labels = () => cellList(page).getByRole('listitem').evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')));
    const texts = async () => Promise.all((await cellList(page).getByRole('listitem').all()).map((cell) => cell.innerText()));

    await cellAt(page, 0).locator('.view-line').first().click();
    await page.keyboard.press('Escape');
    expect(await cellAt(page, 0).evaluate((cell) => cell === document.activeElement)).toBe(true);

    await page.keyboard.press('b');
    await page.keyboard.press('Enter');
    await inEditMode(page);
    await page.keyboard.type('second');
    await page.keyboard.press('Escape');
    await page.keyboard.press('a');
    await page.keyboard.press('m');
    await page.keyboard.press('Enter');
    await inEditMode(page);
    await page.keyboard.type('# Between $x^2$');
    await page.keyboard.press('Shift+Enter');
    expect(await labels()).toEqual(['Code cell 1', 'Markdown cell 2', 'Code cell 3']);
    await cellAt(page, 1).locator('.katex').first().waitFor();

    // Shift+Enter moved on to the third cell; up twice selects the first, which moves down once.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('k');
    await page.keyboard.press('ControlOrMeta+Shift+ArrowDown');
    expect(await labels()).toEqual(['Markdown cell 1', 'Code cell 2', 'Code cell 3']);
    expect((await texts())[1]).toContain('first');

    await page.keyboard.press('y');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('y');
    expect(await labels()).toEqual(['Code cell 1', 'Code cell 2', 'Code cell 3']);

    await page.keyboard.press('d');
    await page.keyboard.press('d');
    expect(await labels()).toEqual(['Code cell 1', 'Code cell 2']);
    expect((await texts()).join('\n')).not.toContain('Between');

    // Ctrl/Cmd+Z in command mode brings the cell back.
    await page.keyboard.press('ControlOrMeta+z');
    expect(await labels()).toEqual(['Code cell 1', 'Code cell 2', 'Code cell 3']);
    await context.close();
  });

  it('renders Markdown sanitised, with KaTeX math, and edits it on double-click', async () => {
    const notebookId = await createNotebook('Markdown');
    await fillNotebook(notebookId, [
      { type: 'markdown', source: '## Softmax\n\n$$\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n\nInline $x^2$. <img src="x" onerror="window.hacked = 1"><script>window.hacked = 2</script>' },
    ]);
    const { context, page } = await openAs(ana, notebookId);
    screenshotOnFailure('co-editing-markdown', () => [page]);
    const cell = cellAt(page, 0);
    await cell.getByRole('heading', { name: 'Softmax' }).waitFor();
    expect(await cell.locator('.katex-display').count()).toBe(1);
    expect(await cell.locator('.katex').count()).toBe(2);
    expect(await cell.locator('img').getAttribute('onerror')).toBeNull();
    expect(await cell.locator('script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { hacked?: number }).hacked)).toBeUndefined();

    await cell.getByRole('heading', { name: 'Softmax' }).dblclick();
    await cell.locator('.monaco-editor').waitFor();
    await waitForText(cell, (text) => text.startsWith('## Softmax'), 'Markdown source in the editor');
    await page.keyboard.press('Escape');
    await cell.getByRole('heading', { name: 'Softmax' }).waitFor();
    await context.close();
  });

  it('a 300-cell notebook opens and scrolls to the end with only the cells near the viewport running an editor', async () => {
    const notebookId = await createNotebook('Long notebook');
    await fillNotebook(
      notebookId,
      Array.from({ length: 300 }, (_, i) =>
        i % 10 === 0 ? { type: 'markdown' as const, source: `## Section ${i / 10 + 1}` } : { type: 'code' as const, source: `const x${i} = ${i};\nconsole.log(x${i} * 2);` },
      ),
    );
    const { context, page } = await openAs(ana, notebookId);
    screenshotOnFailure('co-editing-300-cells', () => [page]);
    const items = cellList(page).getByRole('listitem');
    await items.nth(1).locator('.monaco-editor').waitFor();
    expect(await items.count()).toBe(300);
    const editors = () => page.locator('.monaco-editor').count();
    const heightBefore = await page.evaluate(() => document.documentElement.scrollHeight);

    // Scroll to the end in steps of 200 px, one per frame, noting the most editors mounted at once.
    const most = await page.evaluate(async () => {
      let most = 0;
      while (window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 1) {
        window.scrollBy(0, 200);
        await new Promise((resolve) => requestAnimationFrame(resolve));
        most = Math.max(most, document.querySelectorAll('.monaco-editor').length);
      }
      return most;
    });
    await items.nth(299).locator('.monaco-editor').waitFor();
    expect(most).toBeLessThanOrEqual(40);
    // Mounting editors over their previews changed no cell's height.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(heightBefore);
    expect(await editors()).toBeLessThanOrEqual(40);
    await waitForText(items.nth(299), (text) => text === 'const x299 = 299;\nconsole.log(x299 * 2);', 'the last cell');
    await context.close();
  });

  it('clicking a collaborator’s avatar follows their cursor down the notebook until one acts', async () => {
    const notebookId = await createNotebook('Follow me', [ben.user]);
    await fillNotebook(notebookId, Array.from({ length: 40 }, (_, i) => ({ type: 'code' as const, source: `const step${i} = ${i};` })));
    const anaTab = await openAs(ana, notebookId);
    const benTab = await openAs(ben, notebookId);
    screenshotOnFailure('co-editing-follow', () => [anaTab.page, benTab.page]);

    const follow = anaTab.page.getByRole('button', { name: `Follow ${ben.user.name}` });
    await follow.click();
    expect(await follow.getAttribute('aria-pressed')).toBe('true');

    const benCell = cellAt(benTab.page, 35);
    await benCell.scrollIntoViewIfNeeded();
    await benCell.locator('.view-line').first().click();
    await anaTab.page.waitForFunction(() => {
      const cell = document.querySelectorAll('[role="listitem"]')[35]!.getBoundingClientRect();
      return cell.top >= 0 && cell.bottom <= window.innerHeight;
    });
    await anaTab.page.getByText(`Following ${ben.user.name}`).waitFor();

    await anaTab.page.keyboard.press('Tab');
    await anaTab.page.getByText(`Following ${ben.user.name}`).waitFor({ state: 'detached' });
    expect(await follow.getAttribute('aria-pressed')).toBe('false');
    await anaTab.context.close();
    await benTab.context.close();
  });

  it('a viewer gets read-only editors, no cell toolbar and no keyboard changes', async () => {
    const notebookId = await createNotebook('Read only', [], [maya.user]);
    await fillNotebook(notebookId, [{ type: 'code', source: 'const frozen = true;' }]);
    const { context, page } = await openAs(maya, notebookId);
    screenshotOnFailure('co-editing-viewer', () => [page]);
    const cell = cellAt(page, 0);
    await cell.locator('.monaco-editor').waitFor();
    await waitForStatus(page, 'Saved');
    expect(await cellList(page).getByRole('toolbar').count()).toBe(0);
    expect(await page.getByRole('button', { name: '+ Code' }).count()).toBe(0);

    await cell.locator('.view-line').first().click();
    await page.keyboard.type('x');
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    await page.keyboard.press('d');
    await page.keyboard.press('d');
    expect(await cellList(page).getByRole('listitem').count()).toBe(1);
    expect(await editorText(cell)).toBe('const frozen = true;');
    await waitForStatus(page, 'Saved');
    await context.close();
  });

  it('Ben’s tab says "Disconnected", and why, once Ana stops sharing the notebook with him', async () => {
    const notebookId = await createNotebook('Shared for a while', [ben.user]);
    const { context, page } = await openAs(ben, notebookId);
    screenshotOnFailure('co-editing-unshared', () => [page]);
    await waitForStatus(page, 'Saved');

    const shares = await ana.client.get(`/notebooks/${notebookId}/shares`);
    const share = shares.body.shares.find((candidate: { grantee: { handle?: string } }) => candidate.grantee.handle === ben.user.handle);
    expect((await ana.client.delete(`/notebooks/${notebookId}/shares/${share.id}`)).status).toBe(204);

    await status(page).filter({ hasText: 'Disconnected' }).waitFor({ timeout: 20_000 });
    await page.getByRole('alert').filter({ hasText: 'Your access to this notebook changed' }).waitFor();
    await context.close();
  });

  it('looks finished in light and dark at 1280×800', async () => {
    const notebookId = await createNotebook('CNN on MNIST', [ben.user]);
    await fillNotebook(notebookId, [
      { type: 'markdown', source: '# CNN on MNIST\n\nWe train a small convolutional network. The loss is the cross-entropy $L = -\\sum_i y_i \\log \\hat y_i$.' },
      { type: 'code', source: "import * as tf from '@tensorflow/tfjs';\n\nconst model = tf.sequential();\nmodel.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' }));\nmodel.add(tf.layers.flatten());\nmodel.add(tf.layers.dense({ units: 10, activation: 'softmax' }));" },
      { type: 'code', source: "model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });" },
      { type: 'markdown', source: '## Training\n\nTen epochs, batch size 64.' },
      { type: 'code', source: 'await model.fit(xs, ys, { epochs: 10, batchSize: 64 });' },
    ]);
    const anaTab = await openAs(ana, notebookId);
    const benTab = await openAs(ben, notebookId);
    screenshotOnFailure('co-editing-looks', () => [anaTab.page, benTab.page]);
    await typeAtEndOfLine(benTab.page, cellAt(benTab.page, 2), 0, ' ');
    await anaTab.page.getByRole('button', { name: `Follow ${ben.user.name}` }).waitFor();
    await cellAt(anaTab.page, 1).locator('.view-line').nth(2).click();
    await waitForStatus(anaTab.page, 'Saved');
    await screenshotBothThemes(anaTab.page, 'notebook-editor');
    await anaTab.context.close();
    await benTab.context.close();
  });
});
