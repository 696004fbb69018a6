// Customer questions in a real browser at phone size, with a real SMTP server (aiosmtpd)
// on loopback: a customer asks from the local page without JavaScript (a too-fast send is
// refused and the text kept), another in English with JavaScript (the honeypot refuses, the
// text is kept); the owner finds the question through the dashboard's badge, answers, and
// the answer arrives at the customer's address in English; shown with the customer's
// consent, it appears on the local page. The hourly limit refuses with the text kept.
// Every new screen passes axe-core in German and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, startNahbar, startSmtpSink, launchBrowser, phoneContext, screenshot, signIn, axeViolations } from './harness.mjs';

let nahbar, browser, smtp;
before(async () => {
  smtp = await startSmtpSink();
  nahbar = await startNahbar({ extraArgs: ['--smtp-url', smtp.url, '--mail-from', 'shop@localhost'] });
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await nahbar?.stop(); await smtp?.stop(); });

const SLUG = 'sonnenschein-freiburg';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** axe on a page, in a JS-enabled context (axe needs script), in `locale`. */
async function axeOn(url, locale) {
  const context = await phoneContext(browser, { locale });
  const page = await context.newPage();
  await page.goto(url);
  const violations = await axeViolations(page);
  await context.close();
  return violations;
}

test('without JavaScript, in German: a too-fast send keeps the text, then the question arrives', async () => {
  const context = await phoneContext(browser, { locale: 'de-DE', javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${nahbar.base}/${SLUG}`);
  await page.getByRole('link', { name: 'Frag uns etwas' }).click();
  await page.waitForURL(/\/ask$/);
  await screenshot(page, 'questions-form-de');
  const text = 'Backt ihr am Samstag auch Dinkelbrötchen?';
  await page.getByLabel('Deine Nachricht').fill(text);
  await page.getByRole('button', { name: 'Nachricht senden' }).click();
  const alert = page.getByRole('alert');
  assert.match(await alert.innerText(), /Das ging sehr schnell/);
  assert.equal(await page.getByLabel('Deine Nachricht').inputValue(), text, 'the text is kept');
  assert.equal(await page.getByLabel('Deine Nachricht').getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'questions-form-refused-de');
  await sleep(3_300);
  await page.getByRole('button', { name: 'Nachricht senden' }).click();
  await page.getByRole('heading', { name: 'Danke für deine Nachricht!' }).waitFor();
  await screenshot(page, 'questions-thanks-de');
  const cookies = await context.cookies();
  assert.deepEqual(cookies, [], 'no cookie for the customer');
  await context.close();
  assert.deepEqual(await axeOn(`${nahbar.base}/${SLUG}/ask`, 'de-DE'), []);
  assert.deepEqual(await axeOn(`${nahbar.base}/${SLUG}/ask?sent=1`, 'de-DE'), []);
});

test('in English with JavaScript: the honeypot refuses, the answer arrives by mail and on the page', async () => {
  const context = await phoneContext(browser, { locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${nahbar.base}/${SLUG}/ask`);
  const question = 'Do you have gluten-free bread on Saturdays?';
  await page.getByLabel('Your message').fill(question);
  await page.getByLabel('Your name (optional)').fill('Kim Weber');
  await page.getByLabel('Your e-mail address (optional)').fill('kim@example.org');
  await page.getByLabel(/You may show my question/).check();
  // What a form-filling script does and a person cannot: the hidden field filled.
  await page.locator('#ask-website').evaluate((el) => { el.value = 'https://spam.example'; });
  await sleep(3_300);
  await page.getByRole('button', { name: 'Send message' }).click();
  assert.match(await page.getByRole('alert').innerText(), /must stay empty/);
  assert.equal(await page.getByLabel('Your message').inputValue(), question);
  assert.equal(await page.getByLabel('Your e-mail address (optional)').inputValue(), 'kim@example.org');
  assert.equal(await page.locator('#ask-website').inputValue(), '', 'the hidden field comes back empty');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'questions-form-refused-en');
  await sleep(3_300);
  await page.getByRole('button', { name: 'Send message' }).click();
  await page.getByRole('heading', { name: 'Thank you for your message!' }).waitFor();
  assert.match(await page.locator('main').innerText(), /send the answer to the e-mail address/);
  await context.close();

  // The owner (German) finds it through the dashboard's badge and answers.
  const owner = await phoneContext(browser, { locale: 'de-DE' });
  const admin = await owner.newPage();
  admin.setDefaultTimeout(20_000);
  await signIn(admin, nahbar.base);
  const card = admin.locator('.card', { hasText: 'Freiburg' }).first();
  await card.getByRole('link', { name: /Fragen.*neu/ }).click();
  await admin.waitForURL(/\/questions$/);
  const item = admin.locator('.inbox > li', { hasText: question });
  await item.waitFor();
  assert.match(await admin.getByRole('link', { name: /^Neu \(\d+\)$/ }).innerText(), /Neu \(2\)/);
  assert.deepEqual(await axeViolations(admin), []);
  await screenshot(admin, 'questions-inbox-de');
  const answer = 'Yes: every Saturday from 8 am, while stocks last.';
  await item.getByLabel('Antwort').fill(answer);
  await item.getByRole('button', { name: 'Antwort an kim@example.org senden' }).click();
  await admin.getByRole('status').filter({ hasText: 'Die Antwort ist gespeichert und per E-Mail' }).waitFor();

  // The mail: to the customer, in English, with the answer and the question quoted.
  let mails = smtp.messages();
  for (let i = 0; i < 50 && mails.length === 0; i++) { await sleep(100); mails = smtp.messages(); }
  assert.equal(mails.length, 1);
  const mail = mails[0];
  assert.match(mail, /^X-Envelope-To: kim@example\.org\r$/m);
  assert.match(mail, /^Content-Language: en\r$/m);
  const unfolded = mail.replace(/=\r\n/g, '');
  assert.ok(unfolded.includes(answer), unfolded);
  assert.ok(unfolded.includes(`> ${question}`), unfolded);
  assert.ok(unfolded.includes('Hello Kim Weber,'), unfolded);

  // Shown on the local page with the customer's consent, without name or address.
  const shown = admin.locator('.inbox > li', { hasText: question });
  await shown.getByRole('button', { name: 'Auf der Seite zeigen' }).click();
  await admin.getByRole('status').filter({ hasText: 'steht jetzt mit Antwort auf der Seite' }).waitFor();
  await screenshot(admin, 'questions-inbox-answered-de');
  await owner.close();

  const visitor = await phoneContext(browser, { locale: 'en-GB', javaScriptEnabled: false });
  const local = await visitor.newPage();
  await local.goto(`${nahbar.base}/${SLUG}`);
  const qa = local.locator('section.qa');
  assert.match(await qa.innerText(), /Do you have gluten-free bread on Saturdays\?/);
  assert.ok((await qa.innerText()).includes(answer));
  assert.ok(!(await local.content()).includes('kim@example.org'));
  await qa.scrollIntoViewIfNeeded();
  await local.screenshot({ path: path.join(ARTIFACTS, 'questions-local-page-en.png') });
  await visitor.close();
  assert.deepEqual(await axeOn(`${nahbar.base}/${SLUG}`, 'en-GB'), []);
});

test('the hourly limit per address refuses with the text kept, in English', async () => {
  const context = await phoneContext(browser, { locale: 'en-GB', javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  let refused = false;
  // The two questions above came from this address too: at most five an hour.
  for (let n = 0; n < 5 && !refused; n++) {
    await page.goto(`${nahbar.base}/sonnenschein-leipzig/ask?kind=feedback`);
    await page.getByLabel('Your message').fill(`Great pretzels! (${n})`);
    await sleep(3_100);
    await page.getByRole('button', { name: 'Send message' }).click();
    const alert = page.getByRole('alert');
    if (await alert.count() > 0) {
      assert.match(await alert.innerText(), /Too many messages are arriving right now/);
      assert.equal(await page.getByLabel('Your message').inputValue(), `Great pretzels! (${n})`);
      assert.equal(await page.getByLabel('Feedback').isChecked(), true, 'the kind is kept too');
      assert.equal(n, 3, 'two earlier questions and three here make five');
      refused = true;
    } else {
      await page.getByRole('heading', { name: 'Thank you for your message!' }).waitFor();
    }
  }
  assert.ok(refused, 'the sixth question of the hour is refused');
  await screenshot(page, 'questions-limit-en');
  await context.close();
});
