import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, newUserDetails, type TestUser } from '../support/api-client.ts';
import { launchChromium, newContext, screenshotBothThemes, screenshotOnFailure } from '../support/browser.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';

let cohort: CohortProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [cohort, browser] = await Promise.all([startCohort(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await cohort?.dispose();
});

async function openPage(): Promise<Page> {
  const context = await newContext(browser, cohort.url);
  contexts.push(context);
  return context.newPage();
}

async function signUpThroughForm(page: Page, user: Omit<TestUser, 'id'>): Promise<void> {
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Handle').fill(`@${user.handle}`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

describe('a study group, end to end in Chromium', () => {
  it('Ana creates a group and a notebook and invites Ben by link; Ben joins; a viewer share offers no rename and the API refuses one', async () => {
    const ana = newUserDetails('Ana');
    const ben = newUserDetails('Ben');
    const anaPage = await openPage();
    const benPage = await openPage();
    screenshotOnFailure('study-group', () => [anaPage, benPage]);

    // Ana signs up through the form and lands on her dashboard.
    await anaPage.goto('/signup');
    await signUpThroughForm(anaPage, ana);
    await anaPage.waitForURL('**/dashboard');
    await anaPage.getByRole('heading', { name: 'Dashboard' }).waitFor();

    // She creates the group and, in it, the notebook.
    await anaPage.getByRole('button', { name: 'New group' }).click();
    const groupDialog = anaPage.getByRole('dialog', { name: 'New study group' });
    await groupDialog.getByLabel('Name').fill('DL Study Group');
    await groupDialog.getByLabel('Description').fill('Deep learning with TensorFlow.js, Thursdays 18:00');
    await groupDialog.getByRole('button', { name: 'Create group' }).click();
    await anaPage.waitForURL('**/groups/*');
    await anaPage.getByRole('heading', { name: 'DL Study Group', level: 1 }).waitFor();
    const groupPath = pathOf(anaPage);

    await anaPage.getByRole('button', { name: 'New notebook in this group' }).click();
    const notebookDialog = anaPage.getByRole('dialog', { name: 'New notebook' });
    await notebookDialog.getByLabel('Title').fill('CNN on MNIST');
    expect(await notebookDialog.getByLabel('Owner').inputValue()).toBe(groupPath.split('/').pop());
    await notebookDialog.getByRole('button', { name: 'Create notebook' }).click();
    await anaPage.waitForURL('**/notebooks/*');
    await anaPage.getByRole('heading', { name: 'CNN on MNIST', level: 1 }).waitFor();
    const notebookPath = pathOf(anaPage);
    const notebookId = notebookPath.split('/').pop()!;

    // Back on the group page she creates an invite link and copies it.
    await anaPage.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'DL Study Group' }).click();
    await anaPage.waitForURL(`**${groupPath}`);
    await anaPage.getByRole('button', { name: 'Create invite link' }).click();
    const inviteField = anaPage.getByRole('textbox', { name: /^Invite link/ }).first();
    await inviteField.waitFor();
    const inviteUrl = await inviteField.inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${cohort.url}/invite/[A-Za-z0-9_-]+$`));
    await anaPage.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cohort.url });
    await anaPage.getByRole('button', { name: 'Copy link' }).first().click();
    await anaPage.getByText('Link copied').waitFor();
    expect(await anaPage.evaluate(() => navigator.clipboard.readText())).toBe(inviteUrl);

    // Ben opens the link signed out, is sent to sign up, comes back and joins.
    await benPage.goto(inviteUrl);
    await benPage.getByRole('heading', { name: 'Join DL Study Group as member' }).waitFor();
    await benPage.getByRole('link', { name: 'Sign up to join' }).click();
    await benPage.waitForURL('**/signup?callbackUrl=*');
    await signUpThroughForm(benPage, ben);
    await benPage.waitForURL(inviteUrl);
    await benPage.getByRole('button', { name: 'Join group' }).click();
    await benPage.waitForURL(`**${groupPath}`);
    await benPage.getByRole('heading', { name: 'DL Study Group', level: 1 }).waitFor();
    await benPage.getByRole('table', { name: 'Group notebooks' }).getByRole('link', { name: 'CNN on MNIST' }).waitFor();
    await benPage.goto('/dashboard');
    await benPage.getByRole('table', { name: 'My notebooks' }).getByRole('link', { name: 'CNN on MNIST' }).waitFor();

    // Ana shares the notebook with Ben as a viewer; link access is off until she turns it on.
    await anaPage.goto(notebookPath);
    await anaPage.getByRole('button', { name: 'Share' }).click();
    const shareDialog = anaPage.getByRole('dialog', { name: 'Share notebook' });
    expect(await shareDialog.getByRole('switch', { name: 'Anyone with the link can view' }).isChecked()).toBe(false);
    await shareDialog.getByLabel('Handle').fill(`@${ben.handle}`);
    await shareDialog.getByLabel('Role', { exact: true }).selectOption('viewer');
    await shareDialog.getByRole('button', { name: 'Share', exact: true }).click();
    const benRole = shareDialog.getByLabel(`Role of ${ben.name}`);
    await benRole.waitFor();
    expect(await benRole.inputValue()).toBe('viewer');
    await shareDialog.getByRole('button', { name: 'Done' }).click();

    // Ben, now a viewer, is offered no way to rename, and the API refuses a rename from his page.
    await benPage.goto(notebookPath);
    const title = benPage.getByRole('heading', { name: 'CNN on MNIST', level: 1 });
    await title.waitFor();
    await benPage.getByText('Viewer', { exact: true }).waitFor();
    expect(await benPage.getByRole('button', { name: /rename/i }).count()).toBe(0);
    // Cell editors are textboxes too (read-only for him: see co-editing.test.ts); the title is not one.
    expect(await benPage.getByRole('textbox', { name: 'Notebook title' }).count()).toBe(0);
    expect(await title.evaluate((element) => (element as HTMLElement).isContentEditable)).toBe(false);
    const refused = await benPage.evaluate(async (id) => {
      const response = await fetch(`/api/v1/notebooks/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Renamed by a viewer' }),
      });
      return { status: response.status, body: await response.json() };
    }, notebookId);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    await benPage.reload();
    await benPage.getByRole('heading', { name: 'CNN on MNIST', level: 1 }).waitFor();

    // How the main pages look, in both themes.
    await anaPage.goto('/dashboard');
    await anaPage.getByRole('table', { name: 'My notebooks' }).waitFor();
    await screenshotBothThemes(anaPage, 'dashboard');
    await anaPage.goto(groupPath);
    await anaPage.getByRole('table', { name: 'Members' }).getByText(ben.name, { exact: true }).waitFor();
    await screenshotBothThemes(anaPage, 'group');
    await anaPage.goto(notebookPath);
    await anaPage.getByRole('heading', { name: 'CNN on MNIST', level: 1 }).waitFor();
    await screenshotBothThemes(anaPage, 'notebook');
  });

  it('shows "Wrong e-mail or password." under the sign-in form for a wrong password', async () => {
    const user = newUserDetails('Maya');
    expect((await new ApiClient(cohort.url).post('/users', user)).status).toBe(201);
    const page = await openPage();
    screenshotOnFailure('sign-in-error', () => [page]);

    await page.goto('/signin');
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password').fill('not the right password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.locator('form').getByText('Wrong e-mail or password.');
    await error.waitFor();
    expect(pathOf(page)).toBe('/signin');
  });
});
