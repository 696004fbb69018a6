// Many locations on a phone: the owner adds a branch from the dashboard, lands in its editor
// (with the location switcher), copies Freiburg's hours to it from the hours screen, archives
// it (its public page is gone) and publishes it again; axe-core finds nothing on these
// screens in English and German.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE, startNahbar, launchBrowser, phoneContext, screenshot, signIn, axeViolations,
} from './harness.mjs';

let nahbar; let browser; let owner;
before(async () => {
  nahbar = await startNahbar();
  browser = await launchBrowser();
  const context = await phoneContext(browser);
  await signIn(await context.newPage(), nahbar.base);
  owner = await context.storageState();
  await context.close();
});
after(async () => { await browser?.close(); await nahbar?.stop(); });

/** RFC 4180 CSV: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text) {
  const rows = []; let row = []; let field = ''; let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') { quoted = false; } else { field += c; }
    } else if (c === '"') { quoted = true; } else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else { field += c; }
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.some((f) => f !== ''));
}

function toCsv(rows) {
  return rows.map((r) => r.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join('\r\n') + '\r\n';
}

async function review(page, name) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${name}: the page is ${width}px wide on a ${PHONE.width}px phone`);
  assert.deepEqual(await axeViolations(page), [], name);
  await screenshot(page, name);
}

test('an owner adds a branch, copies hours to it, archives it and publishes it again', async () => {
  const context = await phoneContext(browser, { locale: 'en', storageState: owner });
  const page = await context.newPage();
  await page.goto(`${nahbar.base}/admin`);
  await page.getByText('Add a location', { exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Sonnenschein am Markt');
  await page.getByLabel('Town', { exact: true }).fill('Freiburg');
  await page.getByLabel('Kind', { exact: true }).selectOption('Bakery');
  await review(page, 'dashboard-add-location-en');
  await page.getByRole('button', { name: 'Create location' }).click();
  await page.waitForURL(/\/admin\/locations\/\d+\?created=1$/);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  await page.getByRole('status').filter({ hasText: 'Location created.' }).waitFor();

  // The switcher leads to the same screen of another branch.
  await page.getByText('Switch location', { exact: true }).click();
  const switcher = page.getByRole('navigation', { name: 'Switch location' });
  assert.equal(await switcher.getByRole('link', { name: /Sonnenschein am Markt/ }).getAttribute('aria-current'), 'page');
  await switcher.getByRole('link', { name: /Freiburg/ }).first().click();
  await page.waitForURL(/\/admin\/locations\/1$/);

  // Freiburg's hours → the new branch.
  await page.goto(`${nahbar.base}/admin/locations/1/hours`);
  const apply = page.locator('section#apply');
  await apply.getByLabel(/Sonnenschein am Markt/).check();
  await review(page, 'hours-apply-en');
  await apply.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/applied=1/);
  await apply.getByRole('status').filter({ hasText: 'Applied to 1 locations.' }).waitFor();
  const publicPage = await context.newPage();
  const response = await publicPage.goto(`${nahbar.base}/sonnenschein-am-markt`);
  assert.equal(response.status(), 200);
  assert.match(await publicPage.locator('table.hours').innerText(), /06:30/, 'Freiburg\'s hours are there');

  // Archive: gone for customers, kept (and marked) for the owner.
  await page.goto(`${nahbar.base}/admin/locations/${id}`);
  await page.getByRole('button', { name: 'Archive location' }).click();
  await page.waitForURL(/\/admin\?archived=/);
  await page.getByRole('status').filter({ hasText: 'no longer public' }).waitFor();
  assert.equal((await publicPage.goto(`${nahbar.base}/sonnenschein-am-markt`)).status(), 404);
  const card = page.locator(`#location-${id}`);
  assert.match(await card.innerText(), /Archived/);
  await review(page, 'dashboard-archived-en');
  await card.getByRole('button', { name: 'Publish again' }).click();
  await page.waitForURL(/\/admin\?unarchived=/);
  assert.equal((await publicPage.goto(`${nahbar.base}/sonnenschein-am-markt`)).status(), 200);
  await context.close();
});

test('adding a location explains a refusal and keeps what was typed, in German', async () => {
  const context = await phoneContext(browser, { locale: 'de', storageState: owner });
  const page = await context.newPage();
  await page.goto(`${nahbar.base}/admin`);
  await page.getByText('Standort hinzufügen', { exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Zweite Filiale');
  await page.getByLabel('Ort', { exact: true }).fill('Leipzig');
  await page.getByLabel('Adresse der Seite (optional)').fill('sonnenschein-leipzig');
  await page.getByRole('button', { name: 'Standort anlegen' }).click();
  await page.waitForURL(/new_error=slug_taken/);
  await page.getByRole('alert').filter({ hasText: 'Diese Adresse ist schon vergeben.' }).waitFor();
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Zweite Filiale');
  await review(page, 'dashboard-add-location-refused-de');
  await page.goto(`${nahbar.base}/admin/locations/1/hours`);
  await review(page, 'hours-apply-de');
  await context.close();
});

test('the CSV import shows its progress and names the broken rows, and a good file imports (English and German)', async () => {
  const context = await phoneContext(browser, { locale: 'en', storageState: owner, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${nahbar.base}/admin`);
  await page.getByRole('link', { name: 'Import & export (CSV)' }).click();
  await page.waitForURL(`${nahbar.base}/admin/businesses/1/import`);
  const exported = await page.evaluate(async () => (await fetch('/admin/businesses/1/locations.csv')).text());
  const rows = parseCsv(exported);
  const header = rows[0];
  assert.deepEqual(header.slice(0, 2), ['Store code', 'Business name']);
  // A broken copy: an impossible time in line 2.
  const broken = rows.map((r) => [...r]);
  broken[1][header.indexOf('Monday hours')] = '25:00-26:00';
  const file = toCsv(broken);
  await page.getByLabel('CSV file').setInputFiles({ name: 'locations.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Check and import' }).click();
  const result = page.locator('#import-result');
  await result.getByText(/rows? ha(s|ve) problems\. Nothing was imported/).waitFor();
  const problem = result.locator('table tbody tr').first();
  assert.equal((await problem.locator('td').first().innerText()).trim(), '2', 'line 2');
  await review(page, 'import-errors-en');

  // A good file: the export with one new row.
  const fresh = [...rows[1]];
  fresh[0] = 'FR-2';
  fresh[1] = 'Sonnenschein Wiehre';
  fresh[header.indexOf('Nahbar slug')] = '';
  const good = toCsv([...rows, fresh]);
  await page.getByLabel('CSV file').setInputFiles({ name: 'locations.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByRole('button', { name: 'Check and import' }).click();
  await result.getByText(/^Done: 1 created/).waitFor();
  await context.close();

  const de = await phoneContext(browser, { locale: 'de', storageState: owner });
  const pageDe = await de.newPage();
  await pageDe.goto(`${nahbar.base}/admin/businesses/1/import`);
  assert.equal(await pageDe.locator('h1').innerText(), 'Standorte importieren und exportieren');
  await review(pageDe, 'import-de');
  await de.close();
});
