// Teams on a phone: the owner makes an invitation link with a QR code, the new person opens
// it on their own (German) phone, creates an account and lands in the staff app, where they
// may write posts but not edit locations; the link then no longer works, and the owner sees
// the new member. Also: the account screen lists this device, the change log and the
// opening-hours history (with restore) work, axe-core finds nothing on these screens in
// English and German, and the invitation form is usable with the keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  ARTIFACTS, PHONE, startNahbar, freePort, launchBrowser, phoneContext, screenshot, signIn, axeViolations,
} from './harness.mjs';

const SCREENSHOTS = path.resolve(ARTIFACTS, '..', 'screenshots');
const NEWCOMER = { name: 'Tarek Yılmaz', email: 'tarek@sonnenschein.example', password: 'brezel-und-kaffee-42' };

let nahbar; let browser; let owner;
before(async () => {
  // A known port: invitation links are built from the public URL, which defaults to the bind address.
  nahbar = await startNahbar({ port: await freePort() });
  browser = await launchBrowser();
  // Sign in once: the server allows five sign-ins per account and minute.
  const context = await phoneContext(browser);
  await signIn(await context.newPage(), nahbar.base);
  owner = await context.storageState();
  await context.close();
});
after(async () => { await browser?.close(); await nahbar?.stop(); });

/** A phone context with the owner's session. */
function ownerContext(options) {
  return phoneContext(browser, { ...options, storageState: owner });
}

/** Makes a staff invitation on the owner's team page (already open); returns the link. */
async function createStaffInvitation(page) {
  await page.getByRole('radio', { name: /^Staff\b/ }).check();
  await page.locator('#invite-days').selectOption('7');
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  await page.waitForURL(/\/admin\/team\/1\?invite=[^&#]+#invitation$/);
  return page.locator('#invite-link').inputValue();
}

/** Nothing wider than the phone, no axe-core violation, and a screenshot `name`. */
async function review(page, name) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${name}: the page is ${width}px wide on a ${PHONE.width}px phone`);
  assert.deepEqual(await axeViolations(page), [], name);
  await screenshot(page, name);
}

test('an owner invites, the new staff member scans the link on their phone, sets a password and lands in the staff app', async () => {
  // The owner, in English: dashboard → Team → a staff invitation.
  const ownerCtx = await ownerContext({ locale: 'en' });
  const page = await ownerCtx.newPage();
  await page.goto(`${nahbar.base}/admin`);
  await page.getByRole('link', { name: 'Team', exact: true }).click();
  await page.waitForURL(`${nahbar.base}/admin/team/1`);
  assert.equal(await page.locator('h1').innerText(), 'Team of Bäckerei Sonnenschein');
  assert.equal(await page.getByRole('radio', { name: /^Staff\b/ }).isChecked(), true, 'staff is the default');
  const link = await createStaffInvitation(page);
  const section = page.locator('section#invitation');
  assert.equal(await section.locator('.qr svg').isVisible(), true, 'the QR code is shown');
  assert.equal(await section.getByRole('img', { name: 'QR code of the invitation link' }).count(), 1);
  assert.ok(link.startsWith(`${nahbar.base}/invite/`), `the link points at this server: ${link}`);
  assert.equal(link, `${nahbar.base}/invite/${new URL(page.url()).searchParams.get('invite')}`);
  assert.match(await page.locator('#open-title + ul').innerText(), /Staff/, 'listed as an open invitation');
  await review(page, 'team-invite-en');

  // The new person's phone, in German and not signed in, opens the link.
  const newcomer = await phoneContext(browser, { locale: 'de' });
  const phone = await newcomer.newPage();
  const opened = await phone.goto(link);
  assert.equal(opened.status(), 200);
  assert.equal(await phone.locator('h1').innerText(), 'Willkommen im Team');
  assert.match(await phone.locator('p.lead').innerText(), /Bäckerei Sonnenschein lädt dich ein, als Team mitzumachen\./);
  await review(phone, 'invite-de');
  await phone.getByLabel('Dein Name').fill(NEWCOMER.name);
  await phone.getByLabel('E-Mail').fill(NEWCOMER.email);
  await phone.getByLabel('Passwort', { exact: true }).fill(NEWCOMER.password);
  await phone.getByLabel('Passwort wiederholen').fill(NEWCOMER.password);
  await phone.getByRole('button', { name: 'Konto anlegen und loslegen' }).click();
  await phone.waitForURL(`${nahbar.base}/admin?welcome=1`);
  await phone.getByRole('status').filter({ hasText: 'Willkommen! Du bist jetzt im Team.' }).waitFor();
  assert.match(await phone.locator('section.business h2').innerText(), /Bäckerei Sonnenschein\s+Team/, 'staff role on the dashboard');
  assert.equal(await phone.getByRole('link', { name: 'Konto' }).count(), 1, 'the header links the account');
  await review(phone, 'welcome-de');
  // Staff write posts, but do not edit locations.
  const compose = await phone.goto(`${nahbar.base}/admin/posts/new`);
  assert.equal(compose.status(), 200);
  assert.equal(await phone.locator('h1').innerText(), 'Neuer Beitrag');
  const location = await phone.goto(`${nahbar.base}/admin/locations/1`);
  assert.equal(location.status(), 404);
  assert.equal(await phone.locator('h1').innerText(), 'Seite nicht gefunden');
  await newcomer.close();

  // The link worked once: a third phone gets the "no longer works" page.
  const third = await phoneContext(browser, { locale: 'en' });
  const again = await third.newPage();
  const used = await again.goto(link);
  assert.equal(used.status(), 404);
  assert.equal(await again.locator('h1').innerText(), 'This invitation link no longer works');
  assert.equal(await again.locator('form').count(), 0, 'no form to join with');
  await third.close();

  // The owner reloads the team page: the new member is listed as staff; no open invitation.
  await page.goto(`${nahbar.base}/admin/team/1`);
  const member = page.locator('li.card[id^="member-"]').filter({ hasText: NEWCOMER.name });
  assert.equal(await member.count(), 1);
  assert.equal(await member.locator('.badge').innerText(), 'Staff');
  assert.equal(await member.locator('select[name="role"]').inputValue(), 'staff');
  assert.match(await member.innerText(), new RegExp(NEWCOMER.email));
  assert.equal(await page.getByText('No open invitations.').count(), 1);
  await ownerCtx.close();

  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const name of ['team-invite-en', 'invite-de']) {
    copyFileSync(path.join(ARTIFACTS, `${name}-screen.png`), path.join(SCREENSHOTS, `${name}.png`));
  }
});

test('the account screen lists this device and the change log and history screens work, in German and English', async () => {
  const context = await ownerContext({ locale: 'en' });
  const page = await context.newPage();
  // A change, so the hours have a history: new weekly hours pasted as an OSM value.
  await page.goto(`${nahbar.base}/admin/locations/1/hours`);
  await page.getByLabel('opening_hours').fill('Mo-Fr 07:15-17:45; Sa 08:00-12:00; PH off');
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await page.waitForURL(`${nahbar.base}/admin/account`);
  assert.equal(await page.locator('h1').innerText(), 'Account');
  const sessions = page.locator('section[aria-labelledby="sessions"] li.card');
  assert.ok(await sessions.count() >= 1);
  assert.equal(await sessions.filter({ hasText: 'this device' }).count(), 1, 'exactly one session is this device');
  assert.ok(await sessions.getByRole('button', { name: /^Sign out/ }).count() >= 1);
  await review(page, 'account-en');

  await page.goto(`${nahbar.base}/admin/history/1`);
  assert.equal(await page.locator('h1').innerText(), 'Change log: Bäckerei Sonnenschein');
  const rows = page.locator('table.audit tbody tr');
  const newest = await rows.first().locator('td').allInnerTexts();
  assert.equal(newest[1], 'Olga Owner');
  assert.match(newest[2], /^Hours imported from OSM · Bäckerei Sonnenschein Freiburg/);
  assert.match(newest[3], /127\.0\.0\.1/, 'from where');
  assert.ok(await rows.filter({ hasText: 'Joined the team' }).count() >= 1, 'the join is logged');
  await review(page, 'audit-log-en');

  await page.goto(`${nahbar.base}/admin/locations/1/history?kind=hours`);
  assert.equal(await page.locator('h1').innerText(), 'History: Bäckerei Sonnenschein Freiburg');
  assert.equal(await page.getByRole('link', { name: 'Opening hours' }).getAttribute('aria-current'), 'page');
  const versions = page.locator('ol.revisions > li');
  assert.ok(await versions.count() >= 2, 'the imported hours and the ones before');
  assert.match(await versions.first().innerText(), /current/);
  assert.match(await versions.first().locator('ul.summary').innerText(), /^Mo-Fr 07:15-17:45\nSa 08:00-12:00\nPH off/);
  assert.equal(await versions.first().getByRole('button').count(), 0, 'the current version has no restore');
  await review(page, 'history-hours-en');
  // Restore the version before the import: it becomes the current one (and is logged).
  const before = await versions.nth(1).locator('ul.summary').innerText();
  await versions.nth(1).getByRole('button', { name: /^Restore this version/ }).click();
  await page.waitForURL(/\/admin\/locations\/1\/history\?kind=hours&restored/);
  await page.getByRole('status').filter({ hasText: 'Restored.' }).waitFor();
  assert.equal(await versions.first().locator('ul.summary').innerText(), before, 'the restored version is current');
  assert.match(await versions.first().innerText(), /current/);
  await page.goto(`${nahbar.base}/admin/history/1`);
  assert.match(await rows.first().innerText(), /Earlier version restored/);
  await context.close();

  // German: the team page.
  const de = await ownerContext({ locale: 'de' });
  const team = await de.newPage();
  await team.goto(`${nahbar.base}/admin/team/1`);
  assert.equal(await team.locator('h1').innerText(), 'Team von Bäckerei Sonnenschein');
  assert.equal(await team.getByRole('button', { name: 'Einladungslink erstellen' }).count(), 1);
  assert.ok(await team.getByRole('button', { name: /^Rolle ändern/ }).count() >= 2);
  await review(team, 'team-de');
  await de.close();
});

test('the invitation form can be filled with the keyboard alone, in a sensible order', async (t) => {
  const ownerCtx = await ownerContext({ locale: 'en' });
  const link = await (async () => {
    const page = await ownerCtx.newPage();
    await page.goto(`${nahbar.base}/admin/team/1`);
    return createStaffInvitation(page);
  })();
  const context = await phoneContext(browser, { locale: 'en', isMobile: false, hasTouch: false });
  const page = await context.newPage();
  await page.goto(link);
  // From the top of the page, Tab through everything and note where the focus goes.
  const seen = [];
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => {
      const el = document.activeElement;
      return el.id || (el.type === 'submit' ? `submit:${el.textContent.trim()}` : el.tagName.toLowerCase());
    }));
  }
  t.diagnostic(`focus order: ${seen.join(' → ')}`);
  const fields = seen.filter((id) => ['display_name', 'email', 'password', 'password2'].includes(id) || id.startsWith('submit:'));
  assert.deepEqual(fields.slice(0, 5), ['display_name', 'email', 'password', 'password2', 'submit:Create account and start'], seen.join(' → '));
  // Typing and Enter submit the form.
  await page.locator('#display_name').focus();
  await page.keyboard.type('Kim Keyboard');
  await page.keyboard.press('Tab');
  await page.keyboard.type('kim@sonnenschein.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type('tastatur-only-2024');
  await page.keyboard.press('Tab');
  await page.keyboard.type('tastatur-only-2024');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${nahbar.base}/admin?welcome=1`);
  await page.getByRole('status').filter({ hasText: 'Welcome! You are now on the team.' }).waitFor();
  await context.close();
  await ownerCtx.close();
});
