import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNotebook, ORIGIN } from '@cohort/notebook';
import { within } from '@cohort/sync/testing';
import { signedInUser } from '../support/api-client.ts';
import { launchChromium, newContext, screenshotBothThemes, screenshotOnFailure, signIn } from '../support/browser.ts';
import { startCohort, type CohortProcess } from '../support/cohort.ts';
import { openLive } from '../support/live-notebook.ts';

const ESC = '\u001b';

/** A solid-colour RGB PNG, as base64. */
function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): string {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]).toString('base64');
}

const lossChart = (points: number) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  width: 360,
  height: 160,
  data: { values: Array.from({ length: points }, (_, epoch) => ({ epoch, loss: Number((1 / (epoch + 1)).toFixed(3)) })) },
  mark: { type: 'line', point: true },
  encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative' } },
});

// The HTML output tries to escape its frame; what it could reach is written into its own table.
const probeHtml = `<table>
<thead><tr><th>epoch</th><th>loss</th><th>accuracy</th></tr></thead>
<tbody><tr><td>1</td><td>0.52</td><td>0.81</td></tr><tr><td>2</td><td>0.31</td><td>0.89</td></tr><tr><td>3</td><td>0.22</td><td>0.93</td></tr></tbody>
</table>
<p id="probe">probe did not run</p>
<script>
const reach = (name, read) => { try { read(); return name + ': reached'; } catch { return name + ': blocked'; } };
document.getElementById('probe').textContent = [
  reach('parent.document', () => parent.document.body.dataset.pwned = 'yes'),
  reach('cookie', () => document.cookie),
  reach('storage', () => localStorage.length),
].join('; ');
</script>`;

const svgWithScript = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">
<rect width="120" height="60" rx="6" fill="#4f46e5"/><text x="60" y="36" font-size="16" text-anchor="middle" fill="#fff">SVG</text>
<script>window.top.svgScriptRan = true; document.title = 'pwned by svg';</script></svg>`;

const code = (id: string, source: string, outputs: unknown[], count: number) => ({ cell_type: 'code', id, metadata: {}, source, outputs, execution_count: count });
const display = (data: Record<string, unknown>) => ({ output_type: 'display_data', data, metadata: {} });

const ipynb = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { title: 'Every kind of output' },
  cells: [
    code('stdout', 'console.log("training")', [{ output_type: 'stream', name: 'stdout', text: 'epoch 1/3\n[====      ] 40%\r[==========] 100%\ntraining done\n' }], 1),
    code('stderr', 'console.warn("lr")', [{ output_type: 'stream', name: 'stderr', text: 'Warning: learning rate 0.5 looks high\n' }], 2),
    code('error', 'model.fit()', [
      {
        output_type: 'error',
        ename: 'TypeError',
        evalue: 'model.fit is not a function',
        traceback: [`${ESC}[0;31mTypeError${ESC}[0m: model.fit is not a function`, `    at ${ESC}[1;32mcell 3${ESC}[0m:1:7`],
      },
    ], 3),
    code('html', 'history.table()', [{ output_type: 'execute_result', execution_count: 4, data: { 'text/html': probeHtml, 'text/plain': 'Table(3 rows)' }, metadata: {} }], 4),
    code('svg', 'display.svg(badge)', [display({ 'image/svg+xml': svgWithScript, 'text/plain': 'SVG badge' })], 5),
    code('png', 'display.image(swatch)', [display({ 'image/png': solidPng(96, 48, [79, 70, 229]), 'text/plain': 'Indigo swatch' })], 6),
    code('chart', 'display.chart(loss)', [display({ 'application/vnd.vegalite.v5+json': lossChart(8), 'text/plain': '<VegaLite chart>' })], 7),
    code('json', 'metrics', [{ output_type: 'execute_result', execution_count: 8, data: { 'application/json': { accuracy: 0.93, classes: ['cat', 'dog'] }, 'text/plain': '{...}' }, metadata: {} }], 8),
    code('markdown', 'display.markdown(summary)', [display({ 'text/markdown': '**Test accuracy**: 93% with $\\alpha = 0.01$', 'text/plain': 'summary' })], 9),
  ],
};

let cohort: CohortProcess;
let browser: Browser;
beforeAll(async () => {
  [cohort, browser] = await Promise.all([startCohort(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await cohort?.dispose();
});

describe('outputs in Chromium', () => {
  it('Ana opens an imported notebook and sees every kind of output drawn safely; a live chart updates in place', async () => {
    const { client: api, user: ana } = await signedInUser(cohort.url, 'Ana');
    const imported = await api.post('/notebooks/import', { ipynb });
    expect(imported.status).toBe(201);
    const notebookId: string = imported.body.id;

    const page: Page = await (await newContext(browser, cohort.url)).newPage();
    screenshotOnFailure('outputs', () => [page]);
    await signIn(page, ana);
    await page.goto(`/notebooks/${notebookId}`);
    const output = (cell: number) => page.getByRole('region', { name: `Output of cell ${cell}` });

    // stdout as a terminal shows it: the progress bar's final state only.
    await expect.poll(() => output(1).textContent()).toBe('epoch 1/3\n[==========] 100%\ntraining done\n');

    // stderr is tinted apart from stdout.
    await output(2).getByText('Warning: learning rate 0.5 looks high').waitFor();
    const background = (cell: number) => output(cell).locator('pre').evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(await background(2)).not.toBe(await background(1));

    // The error: name and message, and a traceback whose ANSI colours are spans, not escape codes.
    const error = output(3);
    await error.getByText('TypeError: model.fit is not a function').first().waitFor();
    const traceback = await error.locator('pre').evaluate((pre) => ({
      text: pre.textContent ?? '',
      colours: [...pre.querySelectorAll('span')].map((span) => [span.textContent, getComputedStyle(span).color, getComputedStyle(span).fontWeight]),
      plain: getComputedStyle(pre).color,
    }));
    expect(traceback.text).toBe('TypeError: model.fit is not a function\n    at cell 3:1:7');
    expect(traceback.text).not.toMatch(/\u001b|\[0;31m/);
    const [red, green] = traceback.colours;
    expect(red?.[0]).toBe('TypeError');
    expect(green?.[0]).toBe('cell 3');
    expect(red?.[1]).not.toBe(traceback.plain);
    expect(green?.[1]).not.toBe(red?.[1]);
    expect(Number(green?.[2])).toBeGreaterThanOrEqual(600);
    await screenshotBothThemes(page, 'outputs-text');

    // The HTML table in a frame sandboxed to scripts only, sized to its content; its script reached nothing.
    const frameElement = output(4).locator('iframe');
    await frameElement.scrollIntoViewIfNeeded();
    expect(await frameElement.getAttribute('sandbox')).toBe('allow-scripts');
    const frame = output(4).frameLocator('iframe');
    await frame.getByRole('cell', { name: '0.93' }).waitFor();
    await frame.getByText('parent.document: blocked; cookie: blocked; storage: blocked').waitFor();
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
    await expect.poll(async () => (await frameElement.boundingBox())?.height ?? 0).toBeGreaterThan(100);
    const fits = await frame.locator('html').evaluate((root) => Math.ceil(root.getBoundingClientRect().height));
    expect(Math.abs((await frameElement.boundingBox())!.height - fits)).toBeLessThanOrEqual(1);

    // The SVG is an image: drawn, but its script never ran.
    const svg = output(5).getByRole('img', { name: 'SVG badge' });
    await svg.scrollIntoViewIfNeeded();
    await expect.poll(() => svg.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(120);
    expect(await svg.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(await page.evaluate(() => (window as { svgScriptRan?: boolean }).svgScriptRan)).toBeUndefined();
    expect(await page.title()).not.toContain('pwned');

    // The PNG is decoded and visible.
    const png = output(6).getByRole('img', { name: 'Indigo swatch' });
    await png.scrollIntoViewIfNeeded();
    await expect.poll(() => png.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(96);
    expect(await png.isVisible()).toBe(true);

    // The Vega-Lite chart is drawn with its line and its 8 points.
    const chart = output(7).getByRole('figure', { name: 'Chart in output of cell 7' });
    await chart.scrollIntoViewIfNeeded();
    await chart.locator('svg .mark-line path').waitFor();
    await expect.poll(() => chart.locator('svg .mark-symbol path').count()).toBe(8);

    // JSON, pretty-printed; Markdown, rendered and typeset.
    await expect.poll(() => output(8).locator('pre').textContent()).toBe(JSON.stringify({ accuracy: 0.93, classes: ['cat', 'dog'] }, null, 2));
    await output(9).locator('strong', { hasText: 'Test accuracy' }).waitFor();
    await output(9).locator('.katex').waitFor();

    await output(4).scrollIntoViewIfNeeded();
    await screenshotBothThemes(page, 'outputs-all-kinds');
    // Switching themes restyled the frame without reloading it: its script ran once, its result stands.
    await frame.getByText('parent.document: blocked; cookie: blocked; storage: blocked').waitFor();
    expect(await frame.locator('html').getAttribute('data-scheme')).toBeNull();

    // A kernel draws a live chart and updates it many times: the same SVG takes the new points.
    const live = await openLive(api, notebookId);
    await within(10_000, 'synced', live.synced());
    const model = openNotebook(live.doc);
    const chartCell = model.insertCell(9, { type: 'code', source: 'await model.fit(xs, ys, { callbacks: liveLoss })' }, ORIGIN.user);
    model.appendOutput(chartCell, { output_type: 'display_data', data: { 'application/vnd.vegalite.v5+json': lossChart(2) }, metadata: {}, transient: { display_id: 'loss' } }, ORIGIN.kernel);
    const liveChart = output(10).getByRole('figure');
    await liveChart.scrollIntoViewIfNeeded();
    await expect.poll(() => liveChart.locator('svg .mark-symbol path').count()).toBe(2);
    await liveChart.locator('svg').first().evaluate((element) => ((element as SVGElement & { marked?: boolean }).marked = true));
    for (let points = 3; points <= 30; points++) {
      model.updateDisplay('loss', { data: { 'application/vnd.vegalite.v5+json': lossChart(points) }, metadata: {} }, ORIGIN.kernel);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await expect.poll(() => liveChart.locator('svg .mark-symbol path').count()).toBe(30);
    expect(await liveChart.locator('svg').count()).toBe(1);
    expect(await liveChart.locator('svg').evaluate((element) => (element as SVGElement & { marked?: boolean }).marked)).toBe(true);
    await screenshotBothThemes(page, 'outputs-live-chart');

    // A progress bar redrawn through update_display_data replaces the frame's content, not the frame.
    const barCell = model.insertCell(10, { type: 'code', source: 'await trainWithProgress()' }, ORIGIN.user);
    const bar = (step: number) => ({ 'text/html': `<progress value="${step}" max="20"></progress> step ${step}/20` });
    model.appendOutput(barCell, { output_type: 'display_data', data: bar(0), metadata: {}, transient: { display_id: 'progress' } }, ORIGIN.kernel);
    await output(11).locator('iframe').scrollIntoViewIfNeeded();
    const barFrame = output(11).frameLocator('iframe');
    await barFrame.getByText('step 0/20').waitFor();
    await barFrame.locator('html').evaluate(() => ((window as { firstLoad?: boolean }).firstLoad = true));
    for (let step = 1; step <= 20; step++) {
      model.updateDisplay('progress', { data: bar(step), metadata: {} }, ORIGIN.kernel);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await barFrame.getByText('step 20/20').waitFor();
    expect(await barFrame.locator('html').evaluate(() => (window as { firstLoad?: boolean }).firstLoad)).toBe(true);
    live.destroy();
  });
});
