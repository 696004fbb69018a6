// The owner on a phone: sign in, edit hours with inline validation, see the public page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startNahbar, launchBrowser, phoneContext, screenshot, signIn, waitForIslands, axeViolations,
} from './harness.mjs';

let nahbar; let browser;
before(async () => { nahbar = await startNahbar(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await nahbar?.stop(); });

test('the owner edits weekly hours and the public page shows them at once', async () => {
  const context = await phoneContext(browser, { locale: 'en' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${nahbar.base}/admin`);
  assert.match(page.url(), /\/login\?next=/, 'anonymous visitors are sent to sign in');
  await screenshot(page, 'login-en');
  await signIn(page, nahbar.base);
  await screenshot(page, 'dashboard-en');
  await page.getByRole('link', { name: /Edit.*Freiburg/ }).click();
  await waitForIslands(page);

  // A wrong time is refused inline, naming the day.
  const tuesdayFrom = page.getByRole('textbox', { name: 'Tuesday, From' }).first();
  await tuesdayFrom.fill('25:00');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Tuesday: 25:00 is not a time (use HH:MM)').waitFor();
  assert.equal(await tuesdayFrom.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('status').innerText(), 'Please fix the marked entries.');
  await page.locator('fieldset.day').nth(1).scrollIntoViewIfNeeded();
  await screenshot(page, 'hours-editor-error-en');

  // Fix it, add a Sunday interval, copy Monday to Saturday, and save.
  await tuesdayFrom.fill('07:15');
  await page.getByLabel('Closed all day').nth(6).uncheck();
  await page.getByRole('button', { name: 'Add interval (Sunday)' }).click();
  await page.getByRole('textbox', { name: 'Sunday, From' }).fill('10:00');
  await page.getByRole('textbox', { name: 'Sunday, Until' }).fill('14:00');
  await page.getByText('Copy to other days (Monday)').click();
  await page.locator('#copy-0-5').check();
  await page.getByRole('button', { name: 'Copy', exact: true }).first().click();
  assert.equal(await page.getByRole('textbox', { name: 'Saturday, Until' }).count(), 2);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved. The public page shows the change now.').waitFor();
  await screenshot(page, 'hours-editor-saved-en');
  assert.deepEqual(await axeViolations(page), []);

  await page.goto(`${nahbar.base}/sonnenschein-freiburg`);
  const rows = page.locator('table.hours tbody tr');
  assert.match(await rows.nth(1).innerText(), /07:15–12:30, 14:00–18:30/);
  assert.match(await rows.nth(5).innerText(), /06:30–12:30, 14:00–18:30/);
  assert.match(await rows.nth(6).innerText(), /10:00–14:00/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the owner screens speak German and pass axe-core', async () => {
  const context = await phoneContext(browser, { locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`${nahbar.base}/login`);
  assert.equal(await page.locator('h1').innerText(), 'Anmelden');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'login-de');
  await signIn(page, nahbar.base);
  assert.equal(await page.locator('h1').innerText(), 'Übersicht');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'dashboard-de');
  await page.getByRole('link', { name: /Bearbeiten.*Leipzig/ }).click();
  await waitForIslands(page);
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('textbox', { name: 'Freitag, Bis' }).fill('26:00');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText('Freitag: 26:00 ist keine Uhrzeit (Format HH:MM)').waitFor();
  await page.locator('fieldset.day').nth(4).scrollIntoViewIfNeeded();
  await screenshot(page, 'hours-editor-error-de');
  await page.getByRole('textbox', { name: 'Freitag, Bis' }).fill('03:00');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText('Gespeichert.', { exact: false }).waitFor();
  await screenshot(page, 'hours-editor-de');
  await page.goto(`${nahbar.base}/sonnenschein-leipzig`);
  assert.match(await page.locator('table.hours tbody tr').nth(4).innerText(), /^Freitag(\s+heute)?\s+08:00–03:00/);
  await context.close();
});

test('a wrong password shows one message for every failure', async () => {
  const context = await phoneContext(browser, { locale: 'en' });
  const page = await context.newPage();
  await page.goto(`${nahbar.base}/login`);
  await page.getByLabel('Email').fill('owner@sonnenschein.example');
  await page.getByLabel('Password').fill('not-my-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Email or password is wrong.' }).waitFor();
  await context.close();
});
