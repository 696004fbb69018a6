// The customer's local page in a real browser at phone size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNahbar, launchBrowser, phoneContext, screenshot, axeViolations, WEDNESDAY } from './harness.mjs';

let nahbar; let browser;
// The page marks today's row and says open or closed: a fixed Wednesday morning keeps the
// Monday row and the status the same on every day (this suite failed on a Monday).
before(async () => { nahbar = await startNahbar({ clockStart: WEDNESDAY }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await nahbar?.stop(); });

test('without JavaScript the local page shows status, hours and address', async () => {
  for (const locale of ['de', 'en']) {
    const context = await phoneContext(browser, { locale, javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`${nahbar.base}/sonnenschein-freiburg`);
    assert.equal(response.status(), 200);
    const status = page.locator('p.status');
    assert.match(await status.innerText(), locale === 'de' ? /^Geöffnet/ : /^Open/);
    const rows = page.locator('table.hours tbody tr');
    assert.equal(await rows.count(), 7);
    assert.match(await rows.first().innerText(), locale === 'de' ? /^Montag\s+06:30–12:30, 14:00–18:30/ : /^Monday\s+06:30–12:30, 14:00–18:30/);
    assert.match(await rows.nth(2).innerText(), locale === 'de' ? /^Mittwoch\s+heute\s/ : /^Wednesday\s+today\s/);
    assert.match(await page.locator('address').innerText(), /Konviktstraße 12\s+79098 Freiburg im Breisgau/);
    await assert.doesNotReject(page.getByRole('link', { name: 'OpenStreetMap' }).first().waitFor());
    await screenshot(page, `local-page-nojs-${locale}`);
    await context.close();
  }
});

test('the customer page loads no WASM and nothing from other hosts', async () => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${nahbar.base}/sonnenschein-leipzig`, { waitUntil: 'networkidle' });
  assert.ok(requests.length >= 2, 'page and stylesheet were requested');
  assert.deepEqual(requests.filter((url) => url.endsWith('.wasm') || url.endsWith('.js')), []);
  assert.deepEqual(requests.filter((url) => !url.startsWith(nahbar.base)), []);
  await screenshot(page, 'local-page-en');
  await context.close();
});

test('customer pages have no axe-core violations in German and English', async () => {
  for (const locale of ['de', 'en']) {
    const context = await phoneContext(browser, { locale, bypassCSP: true });
    const page = await context.newPage();
    for (const path of ['/', '/sonnenschein-freiburg', '/sonnenschein-leipzig', '/no-such-shop']) {
      await page.goto(`${nahbar.base}${path}`);
      assert.deepEqual(await axeViolations(page), [], `${locale} ${path}`);
    }
    await context.close();
  }
});

test('the language switch works without JavaScript and is remembered', async () => {
  const context = await phoneContext(browser, { locale: 'en', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${nahbar.base}/sonnenschein-freiburg`);
  await page.getByRole('link', { name: 'Deutsch' }).click();
  await page.waitForURL(`${nahbar.base}/sonnenschein-freiburg`);
  assert.equal(await page.locator('#hours-heading').innerText(), 'Öffnungszeiten');
  await page.goto(`${nahbar.base}/`);
  assert.equal(await page.locator('h1').innerText(), 'Unsere Standorte');
  await context.close();
});
