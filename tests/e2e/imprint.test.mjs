// The imprint and privacy notice in a real browser at phone size: the dashboard nudges
// while the imprint is missing, the owner's form refuses a German GmbH without what § 5 DDG
// asks for (field by field, also without JavaScript, keeping what was typed), the saved
// imprint appears behind every customer page's footer link, and the privacy notice says
// what this instance does. Every screen in German and English passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, startNahbar, launchBrowser, phoneContext, screenshot, signIn, axeViolations } from './harness.mjs';

let nahbar, browser;
before(async () => { nahbar = await startNahbar(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await nahbar?.stop(); });

const field = (page, code) => page.locator(`#imprint-${code.replaceAll('_', '-')}`);

/** Types a German GmbH with no representatives, no register and a mistyped VAT id. */
async function fillIncomplete(page) {
  await field(page, 'legal_name').fill('Bäckerei Sonnenschein');
  await field(page, 'legal_form').selectOption('limited_company');
  await field(page, 'street').fill('Kaiser-Joseph-Straße 1');
  await field(page, 'postal_code').fill('79098');
  await field(page, 'city').fill('Freiburg im Breisgau');
  await field(page, 'country').selectOption('DE');
  await field(page, 'email').fill('hallo@sonnenschein.example');
  await field(page, 'phone').fill('+49 761 123456');
  await field(page, 'vat_id').fill('DE 12');
  await page.getByRole('button', { name: 'Impressum speichern' }).click();
  await page.locator('#imprint-errors').waitFor();
}

test('without JavaScript the form refuses a GmbH field by field and keeps what was typed', async () => {
  const context = await phoneContext(browser, { locale: 'de-DE', javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, nahbar.base);
  const nudge = page.locator('.nudge', { hasText: 'Impressum' }).first();
  await nudge.getByRole('link', { name: 'Impressum ausfüllen' }).click();
  await page.waitForURL(/\/admin\/imprint\//);
  await fillIncomplete(page);
  assert.match(await page.locator('#imprint-errors').innerText(), /Nicht gespeichert/);
  for (const code of ['representatives', 'register_court', 'register_number', 'vat_id']) {
    assert.equal(await field(page, code).getAttribute('aria-invalid'), 'true', code);
    const errorId = (await field(page, code).getAttribute('aria-describedby')).split(' ')[0];
    assert.ok((await page.locator(`#${errorId}`).innerText()).length > 5, `${code} has a message`);
  }
  assert.equal(await field(page, 'legal_name').getAttribute('aria-invalid'), null);
  assert.equal(await field(page, 'street').inputValue(), 'Kaiser-Joseph-Straße 1');
  assert.equal(await field(page, 'vat_id').inputValue(), 'DE 12');
  await context.close();
});

test('the owner completes the imprint and every customer footer leads to it, in German', async () => {
  const context = await phoneContext(browser, { locale: 'de-DE' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, nahbar.base);

  // The nudge on the dashboard leads to the form.
  const nudge = page.locator('.nudge', { hasText: 'Impressum' }).first();
  await nudge.waitFor();
  await screenshot(page, 'imprint-nudge-de');
  await nudge.getByRole('link', { name: 'Impressum ausfüllen' }).click();
  await page.waitForURL(/\/admin\/imprint\//);
  assert.equal(await page.locator('h1').count(), 1);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'imprint-form-de');

  await fillIncomplete(page);
  assert.deepEqual(await axeViolations(page), []);
  await page.locator('#imprint-errors').scrollIntoViewIfNeeded();
  await screenshot(page, 'imprint-form-refused-de');

  // The missing details typed in: saved.
  await field(page, 'representatives').fill('Lena Sonnenschein');
  await field(page, 'register_court').fill('Amtsgericht Freiburg');
  await field(page, 'register_number').fill('HRB 701234');
  await field(page, 'vat_id').fill('DE 136 695 976');
  await page.getByRole('button', { name: 'Impressum speichern' }).click();
  await page.getByRole('status').filter({ hasText: 'Das Impressum ist gespeichert' }).waitFor();
  assert.equal(await page.locator('#imprint-errors').count(), 0);

  // The privacy notice names the hosting the owner typed.
  await page.locator('#privacy-hosting').fill('Hetzner Online GmbH, Gunzenhausen');
  await page.getByRole('button', { name: 'Datenschutzerklärung speichern' }).click();
  await page.getByRole('status').filter({ hasText: 'Die Datenschutzerklärung ist gespeichert.' }).waitFor();

  // The dashboard no longer nudges.
  await page.goto(`${nahbar.base}/admin`);
  assert.equal(await page.locator('.nudge', { hasText: 'Impressum' }).count(), 0);

  // A customer follows the footer link of the local page.
  const customer = await phoneContext(browser, { locale: 'de-DE' });
  const shop = await customer.newPage();
  shop.setDefaultTimeout(20_000);
  await shop.goto(`${nahbar.base}/sonnenschein-leipzig`);
  const footer = shop.locator('footer');
  await footer.getByRole('link', { name: 'Impressum' }).waitFor();
  await footer.scrollIntoViewIfNeeded();
  await shop.screenshot({ path: path.join(ARTIFACTS, 'imprint-footer-de.png') });
  await footer.getByRole('link', { name: 'Impressum' }).click();
  await shop.waitForURL(`${nahbar.base}/sonnenschein-leipzig/imprint`);
  const text = await shop.locator('main').innerText();
  for (const expected of ['Bäckerei Sonnenschein', 'Lena Sonnenschein', 'Amtsgericht Freiburg', 'HRB 701234', '§ 5 DDG']) {
    assert.ok(text.includes(expected), `${expected} in ${text}`);
  }
  assert.ok(!text.includes('TMG'), 'the repealed TMG is not cited');
  assert.deepEqual(await axeViolations(shop), []);
  await screenshot(shop, 'imprint-page-de');

  await shop.goto(`${nahbar.base}/sonnenschein-leipzig`);
  await shop.locator('footer').getByRole('link', { name: 'Datenschutz' }).click();
  await shop.waitForURL(`${nahbar.base}/sonnenschein-leipzig/privacy`);
  const privacy = await shop.locator('main').innerText();
  assert.ok(privacy.includes('Hetzner Online GmbH, Gunzenhausen'), privacy);
  assert.match(privacy, /Cookie/);
  assert.deepEqual(await axeViolations(shop), []);
  await screenshot(shop, 'privacy-page-de');
  await customer.close();
  await context.close();
});

test('the imprint screen and the customer pages speak English', async () => {
  const context = await phoneContext(browser, { locale: 'en' });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await signIn(page, nahbar.base);
  await page.getByRole('link', { name: 'Imprint and privacy' }).first().click();
  await page.waitForURL(/\/admin\/imprint\//);
  await page.getByRole('button', { name: 'Save imprint' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'imprint-form-en');

  await page.goto(`${nahbar.base}/imprint`);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'imprint-page-en');
  await page.goto(`${nahbar.base}/privacy`);
  assert.match(await page.locator('h1').innerText(), /Privacy/);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'privacy-page-en');
  await context.close();
});
