import { startNahbar, launchBrowser, phoneContext, signIn } from './harness.mjs';
const nahbar = await startNahbar(); const browser = await launchBrowser();
try {
  const context = await phoneContext(browser, { locale: 'en' });
  await context.route('https://tile.openstreetmap.org/**', r => r.abort());
  const page = await context.newPage();
  await signIn(page, nahbar.base);
  await page.goto(`${nahbar.base}/admin/locations/1/pois`);
  await page.evaluate(() => { const i = document.querySelector('#poi-new-coords'); for (const t of ['input','change','keydown','blur']) i.addEventListener(t, (e) => console.log('ev', t, JSON.stringify(i.value), i.getAttribute('aria-invalid'))); });
  page.on('console', m => m.text().startsWith('ev') && console.log(m.text()));
  const coords = page.locator('#poi-new-coords');
  await coords.click();
  await page.keyboard.type('somewhere near');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
  console.log('after enter', await coords.getAttribute('aria-invalid'));
  await page.keyboard.press('Control+A'); await page.keyboard.press('Backspace');
  console.log('after clear', await coords.getAttribute('aria-invalid'));
  await page.keyboard.press('Tab');
  await page.waitForTimeout(200);
  console.log('after tab', await coords.getAttribute('aria-invalid'));
  // and: type bad, tab away (change)
  await coords.click(); await page.keyboard.type('nonsense'); await page.keyboard.press('Tab');
  await page.waitForTimeout(200);
  console.log('bad then tab', await coords.getAttribute('aria-invalid'), await page.locator('#poi-new [data-picker-status]').innerText());
  await coords.click(); await page.keyboard.press('Control+A'); await page.keyboard.press('Backspace'); await page.keyboard.press('Tab');
  await page.waitForTimeout(200);
  console.log('cleared then tab', await coords.getAttribute('aria-invalid'));
} finally { await browser.close(); await nahbar.stop(); }
