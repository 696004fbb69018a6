// What needs the owner, the weekly summary's switch and the insights screen, in a real
// browser at phone size. The demo is made on 4 March 2026 and opened on 17 June (Nahbar's
// clock pinned both times), so its hours are 104 days unconfirmed (105 calendar days, one hour lost to DST) and its locations quiet:
// the dashboard lists, most pressing first, the missing imprint, "still right?" for both
// locations' hours (one tap by keyboard confirms), the quiet locations and the missing
// pictures. Customers visit; after a restart the roll-up has counted them and the insights
// screen shows them, with its table. Every screen in German and English passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WEDNESDAY, startNahbar, launchBrowser, phoneContext, screenshot, signIn, axeViolations } from './harness.mjs';

const MADE = '2026-03-04T10:00:00+01:00';
const PHONE_AGENT = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const FREIBURG = 'Bäckerei Sonnenschein Freiburg';
const LEIPZIG = 'Café Sonnenschein Leipzig';

let nahbar, browser;
before(async () => {
  const first = await startNahbar({ clockStart: MADE });
  await first.stop({ keep: true });
  nahbar = await startNahbar({ clockStart: WEDNESDAY, dataDir: first.dataDir });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await nahbar?.stop(); });

const items = (page) => page.locator('ol.nudge-list li.nudge').allInnerTexts();

test('the dashboard lists what needs the owner in order, and "still right" takes one key press', async () => {
  const context = await phoneContext(browser, { locale: 'de-DE' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, nahbar.base);
  const list = await items(page);
  assert.equal(list.length, 7, list.join('\n'));
  assert.match(list[0], /Das Impressum von Bäckerei Sonnenschein fehlt noch/);
  assert.match(list[1], new RegExp(`Stimmen die Öffnungszeiten von ${FREIBURG} noch\\? Zuletzt vor 104 Tagen bestätigt`));
  assert.match(list[2], new RegExp(`Stimmen die Öffnungszeiten von ${LEIPZIG} noch\\?`));
  assert.match(list[3], new RegExp(`${FREIBURG} hat noch keinen Beitrag`));
  assert.match(list[4], new RegExp(`Bei ${LEIPZIG} gibt es seit dem \\d\\d\\.03\\.2026 keinen neuen Beitrag`));
  assert.match(list[5], /noch kein Logo und kein Titelbild/);
  const heading = page.getByRole('heading', { name: /Das braucht dich/ });
  assert.ok(await heading.isVisible());
  await screenshot(page, 'nudges-de');
  assert.deepEqual(await axeViolations(page), []);

  // By keyboard: the button names its location for a screen reader.
  const confirm = page.getByRole('button', { name: `Stimmen noch ${FREIBURG}` });
  await confirm.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/hours_confirmed=1/);
  assert.match(await page.getByRole('status').filter({ hasText: 'Danke' }).innerText(), /Öffnungszeiten sind bestätigt/);
  const after = await items(page);
  assert.equal(after.length, 6);
  assert.ok(!after.some((text) => text.includes(`Öffnungszeiten von ${FREIBURG}`)), after.join('\n'));
  assert.ok(after.some((text) => text.includes(`Öffnungszeiten von ${LEIPZIG}`)));
  // The action links lead where the job is done.
  await page.locator('li.nudge', { hasText: `${FREIBURG} hat noch keinen Beitrag` }).getByRole('link').click();
  await page.waitForURL(/\/admin\/posts\/new\?location=1/);
  await context.close();
});

test('the weekly summary is switched on from the account screen, in English', async () => {
  const context = await phoneContext(browser, { locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, nahbar.base);
  assert.equal(await page.getByRole('heading', { name: /Needs you/ }).count(), 1);
  await screenshot(page, 'nudges-en');
  assert.deepEqual(await axeViolations(page), []);
  await page.goto(`${nahbar.base}/admin/account`);
  const box = page.getByLabel('I want the weekly summary');
  assert.equal(await box.isChecked(), false);
  assert.match(await page.locator('#summary ~ p.muted').first().innerText(), /E-mail is not set up/);
  await box.check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForURL(/summary=on/);
  assert.equal(await page.getByLabel('I want the weekly summary').isChecked(), true);
  assert.match(await page.getByRole('status').innerText(), /weekly summary from next Monday/);
  await page.locator('#summary').scrollIntoViewIfNeeded();
  await screenshot(page, 'summary-en');
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('customers are counted and the insights screen shows them with a table, German and English', async () => {
  // Customers: a phone reads the Leipzig page twice and asks for directions. (Headless
  // Chromium's own user agent says "HeadlessChrome", which is rightly not counted.)
  const customer = await phoneContext(browser, { locale: 'de-DE', userAgent: PHONE_AGENT });
  const page = await customer.newPage();
  await page.goto(`${nahbar.base}/sonnenschein-leipzig`);
  await page.goto(`${nahbar.base}/sonnenschein-leipzig?src=door`);
  const route = await page.request.get(`${nahbar.base}/sonnenschein-leipzig/go/route/osm`, { maxRedirects: 0 });
  assert.equal(route.status(), 303);
  assert.deepEqual(await customer.cookies(), [], 'customer pages set no cookie');
  await customer.close();
  // A restart writes the counts and rolls them up at once (otherwise once a minute).
  const dataDir = nahbar.dataDir;
  await nahbar.stop({ keep: true });
  nahbar = await startNahbar({ clockStart: WEDNESDAY, dataDir });

  for (const [locale, views, heading] of [['de-DE', 'Seitenaufrufe', 'Statistik'], ['en-GB', 'Page views', 'insights']]) {
    const context = await phoneContext(browser, { locale });
    const owner = await context.newPage();
    owner.setDefaultTimeout(20_000);
    await signIn(owner, nahbar.base);
    const figure = owner.locator('dl.figures dt', { hasText: new RegExp(`^${views}$`) }).locator('xpath=following-sibling::dd[1]/strong');
    // The first roll-up runs a second after the start.
    for (let i = 0; i < 20; i++) {
      await owner.goto(`${nahbar.base}/admin/locations/2/insights?days=7`);
      if ((await figure.innerText()).trim() !== '0') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.match(await owner.locator('h1').innerText(), new RegExp(heading));
    assert.equal((await figure.innerText()).trim(), '2', `${locale}: two views`);
    assert.equal(await owner.locator('table.figures-table tbody tr').count(), 7, 'a row per day');
    await screenshot(owner, `insights-browser-${locale.slice(0, 2)}`);
    assert.deepEqual(await axeViolations(owner), []);
    await context.close();
  }
});
