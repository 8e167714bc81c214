/**
 * For the end-to-end tests of running cells: notebooks with given code cells, shared with a group
 * of people, their stored state, and signed-in pages on them with the kernel bar and outputs.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ORIGIN, openNotebook } from '@cohort/notebook';
import { within } from '@cohort/sync/testing';
import type { ApiClient, TestUser } from './api-client.ts';
import { newContext, signIn } from './browser.ts';
import { openLive } from './live-notebook.ts';

export interface Person {
  client: ApiClient;
  user: TestUser;
}

/** The owner's notebook with these code cells (replacing the seeded one), shared as given. */
export async function notebookWithCells(owner: Person, title: string, sources: string[], shares: Array<[Person, 'editor' | 'viewer']> = []): Promise<string> {
  const created = await owner.client.post('/notebooks', { title });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const [person, role] of shares) {
    expect((await owner.client.put(`/notebooks/${id}/shares`, { handle: person.user.handle, role })).status).toBe(200);
  }
  const client = await openLive(owner.client, id, { persisted: true });
  await within(10_000, 'synced', client.synced());
  const notebook = openNotebook(client.doc);
  client.doc.transact(() => {
    for (const cellId of notebook.cellIds()) notebook.deleteCell(cellId, ORIGIN.user);
    for (const source of sources) notebook.insertCell(notebook.cellIds().length, { type: 'code', source }, ORIGIN.user);
  });
  await within(20_000, 'saved', client.saved());
  client.destroy();
  return id;
}

/** The notebook as the server has it, read by a fresh client. */
export async function storedNotebook(reader: Person, notebookId: string) {
  const client = await openLive(reader.client, notebookId);
  await within(10_000, 'synced', client.synced());
  const notebook = openNotebook(client.doc);
  const stored = { ...notebook.toJSON(), runRequests: notebook.runRequests() };
  client.destroy();
  return stored;
}

/** Tabs of signed-in people; uncaught page errors are collected for the test to check. */
export function notebookPages(browser: Browser, baseUrl: string) {
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  return {
    errors,
    async open(person: Person, notebookId: string): Promise<Page> {
      const context = await newContext(browser, baseUrl);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(`${person.user.name}: ${error.message}`));
      await signIn(page, person.user);
      await page.goto(`/notebooks/${notebookId}`);
      await page.getByRole('list', { name: 'Cells' }).waitFor();
      return page;
    },
    /** Closes every tab; returns the page errors seen since the last call. */
    async closeAll(): Promise<string[]> {
      await Promise.all(contexts.splice(0).map((context) => context.close()));
      return errors.splice(0);
    },
  };
}

export const kernelState = (page: Page) => page.getByRole('status', { name: 'Kernel state' });
export const cellOutput = (page: Page, cellNumber: number) => page.getByRole('region', { name: `Output of cell ${cellNumber}` });
export const cellAt = (page: Page, index: number) => page.getByRole('list', { name: 'Cells' }).getByRole('listitem').nth(index);
/** The run button in a code cell's gutter (the toolbar has "Run cells above" and such too). */
export const runCellButton = (page: Page, index: number) => cellAt(page, index).getByRole('button', { name: `Run Code cell ${index + 1}`, exact: true });
