// Special hours and holidays on a phone: the owner adds a closure, pastes an OSM value,
// and customers see the closure on the local page, without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNahbar, launchBrowser, phoneContext, screenshot, signIn, axeViolations, WEDNESDAY, isoDateAfter } from './harness.mjs';

let nahbar; let browser;
// Dates are counted from Nahbar's clock, started on a fixed day (not the machine's date).
before(async () => { nahbar = await startNahbar({ clockStart: WEDNESDAY }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await nahbar?.stop(); });

function isoInDays(days) {
  return isoDateAfter(WEDNESDAY, days);
}

test('the owner adds a closure and customers see it', async () => {
  for (const locale of ['en', 'de-DE']) {
    const de = locale.startsWith('de');
    const context = await phoneContext(browser, { locale, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, nahbar.base);
    await page.goto(`${nahbar.base}/admin/locations/2/hours`);
    assert.match(await page.locator('h1').innerText(), de ? /^Sonderzeiten & Feiertage/ : /^Special hours & holidays/);
    // The common jobs within the first two screens of a phone: confirm the next holiday,
    // add a closure, change a season or an every-year date.
    const twoScreens = 2 * 844;
    const top = async (locator) => {
      const y = await locator.first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      return y;
    };
    const jobs = {
      'next holiday': page.locator('ul.holidays li form').first(),
      'add a closure': page.locator('#special-from'),
      'seasons and every-year dates': page.locator('#rules-heading'),
    };
    for (const [job, locator] of Object.entries(jobs)) {
      const y = await top(locator);
      assert.ok(y < twoScreens, `${job} starts at ${Math.round(y)} px, beyond two phone screens`);
    }
    assert.ok(await page.locator('details.more-holidays ul.holidays li').count() > 0, 'later holidays folded');
    const day = isoInDays(de ? 3 : 2);
    await page.getByLabel(de ? 'Erster Tag' : 'First day').fill(day);
    await page.getByLabel(de ? 'Letzter Tag' : 'Last day').fill(day);
    await page.getByLabel(de ? 'Hinweis für Kundschaft (optional)' : 'Note for customers (optional)').fill(de ? 'Betriebsausflug' : 'Staff outing');
    await page.getByRole('button', { name: de ? 'Eintragen' : 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: de ? 'Gespeichert.' : 'Saved.' }).waitFor();
    assert.match(await page.locator('table.preview').innerText(), de ? /Betriebsausflug/ : /Staff outing/);
    await screenshot(page, `special-hours-${de ? 'de' : 'en'}`);
    await page.goto(`${nahbar.base}/sonnenschein-leipzig`);
    const notices = await page.locator('section.exceptions').innerText();
    assert.match(notices, de ? /Betriebsausflug/ : /Staff outing/);
    assert.match(notices, de ? /geschlossen/ : /closed/);
    await screenshot(page, `local-page-special-${de ? 'de' : 'en'}`);
    await context.close();
    // axe-core needs JavaScript in the page; check the same screen in a scripted browser.
    const checker = await phoneContext(browser, { locale, bypassCSP: true });
    const checkPage = await checker.newPage();
    await signIn(checkPage, nahbar.base);
    await checkPage.goto(`${nahbar.base}/admin/locations/2/hours`);
    assert.deepEqual(await axeViolations(checkPage), [], `${locale} special hours screen`);
    await checker.close();
  }
});

test('a refused OSM value is explained and changes nothing', async () => {
  const context = await phoneContext(browser, { locale: 'en' });
  const page = await context.newPage();
  await signIn(page, nahbar.base);
  await page.goto(`${nahbar.base}/admin/locations/1/hours`);
  await page.getByLabel('opening_hours').fill('Mo-Fr 08:00-18:00; Sa 10:00-14:00/01:00');
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('status').filter({ hasText: 'repeating times (/) are not supported' }).waitFor();
  assert.equal(await page.getByLabel('opening_hours').inputValue(), 'Mo-Fr 08:00-18:00; Sa 10:00-14:00/01:00', 'what was typed stays');
  await page.getByLabel('opening_hours').fill('Mo-Fr 07:00-12:00,13:00-18:00; Sa 07:00-12:00; PH off');
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  assert.match(await page.locator('code.osm').innerText(), /^Mo-Fr 07:00-12:00,13:00-18:00; Sa 07:00-12:00; PH off/);
  await screenshot(page, 'osm-import-en');
  // Hours typed next to a listed holiday are saved with Enter (not taken as "closed").
  const first = page.locator('ul.holidays li').first();
  await first.getByRole('textbox').fill('10:00-13:00');
  await first.getByRole('textbox').press('Enter');
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const entry = await page.locator('ul.special li').first().innerText();
  assert.match(entry, /10:00–13:00/);
  assert.doesNotMatch(await page.locator('ul.holidays li').first().innerText(), /not confirmed/);
  await context.close();
});

test('a door sign is printed from the phone as a PDF, and the screen says it is up to date', async () => {
  const context = await phoneContext(browser, { locale: 'de-DE', javaScriptEnabled: false, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, nahbar.base);
  await page.goto(`${nahbar.base}/admin/locations/1/hours`);
  const section = page.locator('section[aria-labelledby="signs-heading"]');
  await section.getByLabel('Aushang').selectOption('door');
  await section.getByLabel('Papier').selectOption('a5');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: 'PDF erstellen' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /door-a5-\d{4}-\d{2}-\d{2}\.pdf$/);
  const file = await download.path();
  const { readFile } = await import('node:fs/promises');
  assert.equal((await readFile(file)).subarray(0, 5).toString(), '%PDF-');
  await page.goto(`${nahbar.base}/admin/locations/1/hours`);
  await section.getByText(/Das Türschild vom \d\d\.\d\d\.\d{4} ist aktuell\./).waitFor();
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'signs-de');
  await context.close();
});
