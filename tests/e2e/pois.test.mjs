// Points of interest on a phone: the owner places a point with the map picker (tiles
// blocked, as offline or behind a strict network), by keyboard and by pasting a map link;
// customers see it with working directions links, load tiles only when they ask for the
// map, and find shops and points with the nearby search.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNahbar, launchBrowser, phoneContext, screenshot, signIn, axeViolations } from './harness.mjs';

const TILES = 'https://tile.openstreetmap.org/**';
const SHOP = { lat: 47.99521, lon: 7.85488 }; // Bäckerei Sonnenschein Freiburg, location 1
const FREIBURG_POIS = ['Kundenparkplatz im Hof', 'Stufenloser Eingang', 'Fahrradbügel', 'Abholstation Vorbestellungen'];
const PARKING = { name: 'Parkhaus Schlossberg', lat: 47.9948, lon: 7.8542 };

let nahbar; let browser; let owner;
before(async () => {
  nahbar = await startNahbar();
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

/** A phone context whose tile requests are counted and refused (there is no internet). */
async function blockedTiles(context) {
  const requested = [];
  await context.route(TILES, (route) => { requested.push(route.request().url()); return route.abort(); });
  return requested;
}

/** Great-circle distance in metres, as the server computes it. */
function distanceM(a, b) {
  const rad = (d) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2
    + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** How the app writes a distance: metres rounded to 10 (at least 10), else km with one decimal. */
function shownDistance(metres, de) {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} m`;
  const km = (metres / 1000).toFixed(1);
  return `${de ? km.replace('.', ',') : km} km`;
}

/** The point of a `geo:lat,lon?...` link. */
function geoPoint(href) {
  const match = href.match(/^geo:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)\?/);
  assert.ok(match, `not a geo: link: ${href}`);
  return { lat: Number(match[1]), lon: Number(match[2]) };
}

/** Web Mercator: degrees per screen pixel at `zoom` (longitude; latitude scaled by cos). */
const lonPerPx = (zoom) => 360 / (256 * 2 ** zoom);

function newPoiForm(page) {
  return page.locator('#poi-new form');
}

async function fieldPoint(form, de) {
  return {
    lat: await form.getByLabel(de ? 'Breitengrad' : 'Latitude', { exact: true }).inputValue(),
    lon: await form.getByLabel(de ? 'Längengrad' : 'Longitude', { exact: true }).inputValue(),
  };
}

test('an owner adds a parking POI with the map picker while tiles are blocked, and the local page shows it with working navigation links', async () => {
  for (const locale of ['de-DE', 'en']) {
    const de = locale.startsWith('de');
    const context = await ownerContext({ locale });
    const tiles = await blockedTiles(context);
    await context.grantPermissions(['geolocation'], { origin: nahbar.base });
    await context.setGeolocation({ latitude: 47.99480, longitude: 7.85420, accuracy: 8 });
    const page = await context.newPage();
    await page.goto(`${nahbar.base}/admin/locations/1/pois`);
    assert.equal(await page.locator('h1').innerText(),
      `${de ? 'Wichtige Orte' : 'Points of interest'}: Bäckerei Sonnenschein Freiburg`);
    // The four demo points, each with its own (closed) editor.
    const cards = page.locator('ul.pois > li.card');
    assert.equal(await cards.count(), 4);
    for (const [n, name] of FREIBURG_POIS.entries()) {
      assert.equal(await cards.nth(n).locator('strong').first().innerText(), name);
    }
    assert.equal(await page.locator('ul.pois details[open]').count(), 0, 'editors start closed');
    assert.equal(await page.locator('#poi-new h2').innerText(), de ? 'Ort hinzufügen' : 'Add a point');

    const form = newPoiForm(page);
    const map = form.locator('.map-picker__map');
    const status = form.locator('[data-picker-status]');
    await map.waitFor({ state: 'visible' });
    // Leaflet starts once the map comes near the viewport.
    assert.equal(await form.locator('.leaflet-container').count(), 0, 'no map below the fold yet');
    await map.scrollIntoViewIfNeeded();
    await form.locator('.leaflet-container').waitFor();
    const box = await map.boundingBox();
    assert.ok(box.width > 300 && box.width <= 390 && box.height >= 200, `map box ${JSON.stringify(box)}`);
    await status.filter({ hasText: de ? 'Die Karte konnte nicht geladen werden; nutze die Koordinatenfelder.'
      : 'Map tiles could not be loaded; use the coordinate fields.' }).waitFor();
    assert.ok(tiles.length >= 2, `tile requests on the owner screen: ${tiles.length}`);
    assert.equal(await status.getAttribute('data-state'), 'error');
    assert.deepEqual(await fieldPoint(form, de), { lat: '', lon: '' }, 'a new point starts without a position');
    assert.equal(await form.getByLabel(de ? 'Art' : 'Kind', { exact: true }).inputValue(), 'parking');
    assert.equal(await form.getByLabel(de ? 'Auf der öffentlichen Seite zeigen' : 'Show on the public page').isChecked(), true);
    await screenshot(page, `pois-admin-${de ? 'de' : 'en'}`);

    // A click on the map (centred on the shop at zoom 17) puts the marker there.
    const [dx, dy] = [40, 30];
    await map.click({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } });
    await form.locator('.leaflet-marker-icon').waitFor();
    const clicked = await fieldPoint(form, de);
    assert.match(clicked.lat, /^\d+\.\d{6}$/);
    assert.match(clicked.lon, /^\d+\.\d{6}$/);
    const step = lonPerPx(17);
    const expectLat = SHOP.lat - dy * step * Math.cos((SHOP.lat * Math.PI) / 180);
    const expectLon = SHOP.lon + dx * step;
    assert.ok(Math.abs(Number(clicked.lat) - expectLat) < 3 * step, `clicked lat ${clicked.lat}, expected ≈ ${expectLat}`);
    assert.ok(Math.abs(Number(clicked.lon) - expectLon) < 3 * step, `clicked lon ${clicked.lon}, expected ≈ ${expectLon}`);
    await status.filter({ hasText: `${de ? 'Markierung verschoben nach' : 'Marker moved to'} ${clicked.lat}, ${clicked.lon}` }).waitFor();

    // "Use my position" takes the device's position.
    const locate = form.getByRole('button', { name: de ? 'Meinen Standort verwenden' : 'Use my position' });
    await locate.click();
    await status.filter({ hasText: de ? 'Position gesetzt (Genauigkeit ±8 m)' : 'Position set (accuracy ±8 m)' }).waitFor();
    assert.deepEqual(await fieldPoint(form, de), { lat: '47.994800', lon: '7.854200' });
    assert.equal(await status.getAttribute('data-state'), null, 'no longer shown as an error');

    if (de) {
      // The German pass only checks the texts and the picker; one new point is enough.
      await context.close();
      continue;
    }
    await form.getByLabel('Name', { exact: true }).fill(PARKING.name);
    await form.getByLabel('Kind', { exact: true }).selectOption('parking');
    await form.getByLabel('Note (optional)').fill('Schlossbergring 1, 3 minutes on foot.');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await page.waitForURL(/\/admin\/locations\/1\/pois\?saved=1#poi-\d+$/);
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal(await cards.count(), 5);
    const added = cards.filter({ has: page.locator('strong', { hasText: PARKING.name }) });
    assert.equal(await added.count(), 1);
    assert.equal(`#${await added.getAttribute('id')}`, new URL(page.url()).hash, 'the page jumps to the new point');
    assert.match(await added.innerText(), /Parking · 70 m from the shop · public/);
    // The new form is empty again.
    assert.deepEqual(await fieldPoint(newPoiForm(page), false), { lat: '', lon: '' });
    assert.equal(await newPoiForm(page).getByLabel('Name', { exact: true }).inputValue(), '');
    await context.close();
  }

  // A customer (no session) on the local page: no request to any other host.
  const context = await phoneContext(browser, { locale: 'en' });
  const tiles = await blockedTiles(context);
  const outside = [];
  await context.route('https://www.openstreetmap.org/**', (route) => { outside.push(route.request().url()); return route.fulfill({ contentType: 'text/html', body: '<title>OSM</title>' }); });
  await context.route('https://www.google.com/**', (route) => { outside.push(route.request().url()); return route.fulfill({ contentType: 'text/html', body: '<title>Google</title>' }); });
  await context.route('https://maps.apple.com/**', (route) => { outside.push(route.request().url()); return route.fulfill({ contentType: 'text/html', body: '<title>Apple</title>' }); });
  const page = await context.newPage();
  const hosts = new Set();
  page.on('request', (request) => hosts.add(new URL(request.url()).origin));
  const local = `${nahbar.base}/sonnenschein-freiburg`;
  await page.goto(local);
  const item = page.locator('ul.pois > li').filter({ has: page.locator('strong', { hasText: PARKING.name }) });
  assert.equal(await item.count(), 1, 'the new point is listed');
  assert.equal(await page.locator('ul.pois > li').count(), 5);
  const text = await item.innerText();
  assert.match(text, /· Parking/);
  assert.match(text, new RegExp(`· ${shownDistance(distanceM(SHOP, PARKING), false)} away`));
  assert.match(text, /70 m away/);
  assert.match(text, /Schlossbergring 1, 3 minutes on foot\./);
  const link = (name) => item.getByRole('link', { name, exact: true });
  const hrefs = {
    osm: await link('OpenStreetMap').getAttribute('href'),
    google: await link('Google Maps').getAttribute('href'),
    apple: await link('Apple Maps').getAttribute('href'),
    app: await link('Map app').getAttribute('href'),
  };
  assert.equal(new URL(hrefs.osm).searchParams.get('route'), ';47.9948,7.8542', hrefs.osm);
  assert.equal(new URL(hrefs.google).searchParams.get('destination'), '47.9948,7.8542', hrefs.google);
  assert.equal(new URL(hrefs.apple).searchParams.get('daddr'), '47.9948,7.8542', hrefs.apple);
  assert.equal(new URL(hrefs.apple).searchParams.get('q'), PARKING.name, hrefs.apple);
  assert.deepEqual(geoPoint(hrefs.app), { lat: 47.9948, lon: 7.8542 });
  assert.equal(decodeURIComponent(hrefs.app.split('?q=')[1]), `47.9948,7.8542(${PARKING.name})`);
  assert.equal(tiles.length, 0, 'no tile is loaded before the customer asks for the map');
  assert.deepEqual([...hosts], [nahbar.base], 'the local page loads nothing from other hosts');
  assert.equal(await page.locator('script:not([type="application/ld+json"])').count(), 0, 'no script on a customer page');
  assert.match(await page.locator('#map').innerText(), /The map loads images from tile\.openstreetmap\.org\./);
  assert.equal(await page.locator('#map svg').count(), 0);

  // The directions links work: each opens its service with the point.
  for (const [name, check] of [
    ['OpenStreetMap', (url) => assert.equal(url.searchParams.get('route'), ';47.9948,7.8542')],
    ['Google Maps', (url) => assert.equal(url.searchParams.get('destination'), '47.9948,7.8542')],
    ['Apple Maps', (url) => assert.equal(url.searchParams.get('daddr'), '47.9948,7.8542')],
  ]) {
    const before = outside.length;
    await link(name).click();
    await page.waitForURL((url) => url.origin !== nahbar.base);
    assert.equal(outside.length, before + 1, `${name} was opened`);
    check(new URL(outside.at(-1)));
    await page.goBack();
    await page.waitForURL(local);
  }
  assert.equal(tiles.length, 0, 'still no tile requested');

  // Only "Show map" loads tiles: an SVG with the shop and a numbered marker per point.
  await page.getByRole('link', { name: 'Show map', exact: true }).click();
  await page.waitForURL(`${local}?map=1#map`);
  const svg = page.locator('#map svg[role="img"]');
  await svg.waitFor();
  assert.equal(await svg.getAttribute('aria-label'), 'Map: Bäckerei Sonnenschein Freiburg');
  assert.equal(await svg.locator('g.marker').count(), 6, 'the shop and five points');
  assert.equal(await svg.locator('g.marker.shop').count(), 1);
  assert.deepEqual((await svg.locator('g.marker text').allTextContents()).sort(), ['1', '2', '3', '4', '5', 'S']);
  assert.deepEqual(await page.locator('ul.pois .marker-number').allInnerTexts(), ['1', '2', '3', '4', '5']);
  const images = await svg.locator('image').evaluateAll((els) => els.map((el) => el.getAttribute('href')));
  assert.ok(images.length > 0, 'the map has tiles');
  await page.waitForLoadState('load');
  assert.ok(tiles.length > 0, 'tiles are requested once the map is shown');
  for (const href of images) {
    assert.match(href, /^https:\/\/tile\.openstreetmap\.org\/\d{1,2}\/\d+\/\d+\.png$/);
    assert.ok(tiles.includes(href), `tile ${href} requested`);
  }
  // Every marker lies inside the drawing.
  for (const circle of await svg.locator('g.marker circle').all()) {
    const [cx, cy] = [Number(await circle.getAttribute('cx')), Number(await circle.getAttribute('cy'))];
    assert.ok(cx >= 13 && cx <= 627 && cy >= 13 && cy <= 387, `marker at ${cx},${cy}`);
  }
  await screenshot(page, 'local-page-map-en');
  await context.close();
});

test('the picker works by keyboard and by pasting coordinates', async () => {
  const context = await ownerContext({ locale: 'en' });
  const tiles = await blockedTiles(context);
  const page = await context.newPage();
  await page.goto(`${nahbar.base}/admin/locations/1/pois`);
  const form = newPoiForm(page);
  const status = form.locator('[data-picker-status]');
  await form.locator('.map-picker__map').scrollIntoViewIfNeeded();
  await form.locator('.leaflet-container').waitFor();
  // The blocked tiles are reported first; otherwise that notice can replace the next one.
  await status.filter({ hasText: 'Map tiles could not be loaded' }).waitFor();
  const coords = form.getByLabel('Search by coordinates');
  await coords.fill('https://www.openstreetmap.org/?mlat=47.9951&mlon=7.8551#map=19/47.99/7.85');
  await coords.press('Enter');
  assert.equal(page.url(), `${nahbar.base}/admin/locations/1/pois`, 'Enter in the search does not submit');
  await status.filter({ hasText: 'Marker moved to 47.995100, 7.855100' }).waitFor();
  assert.deepEqual(await fieldPoint(form, false), { lat: '47.995100', lon: '7.855100' });
  assert.equal(await coords.inputValue(), '', 'the search is emptied once applied');
  // Something unreadable is said so, and changes nothing.
  await coords.fill('somewhere near the cathedral');
  await coords.press('Enter');
  await status.filter({ hasText: 'Not understood. Use latitude, longitude, e.g. 47.9935, 7.8520' }).waitFor();
  assert.equal(await coords.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await fieldPoint(form, false), { lat: '47.995100', lon: '7.855100' });

  // Keyboard only: Tab from the kind to the map, on to the marker, then arrow keys.
  await form.getByLabel('Kind', { exact: true }).focus();
  await page.keyboard.press('Tab');
  const map = form.locator('.map-picker__map');
  assert.equal(await map.evaluate((el) => el === document.activeElement), true, 'the map is next in the tab order');
  assert.equal(await map.getAttribute('aria-label'), 'Map: drag the marker or use the arrow keys to place the point');
  await page.keyboard.press('Tab');
  const marker = form.locator('.leaflet-marker-icon');
  assert.equal(await marker.evaluate((el) => el === document.activeElement), true, 'the marker is next');
  assert.equal(await marker.getAttribute('alt'), 'Position of the point');
  const step = 8 * lonPerPx(17); // 8 px per arrow key at zoom 17
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  let p = await fieldPoint(form, false);
  assert.equal(p.lat, '47.995100');
  assert.ok(Math.abs(Number(p.lon) - (7.8551 + 2 * step)) < step / 4, `two steps east: ${p.lon}`);
  await page.keyboard.press('ArrowUp');
  p = await fieldPoint(form, false);
  const latStep = step * Math.cos((47.9951 * Math.PI) / 180);
  assert.ok(Math.abs(Number(p.lat) - (47.9951 + latStep)) < latStep / 4, `one step north: ${p.lat}`);
  await status.filter({ hasText: `Marker moved to ${p.lat}, ${p.lon}` }).waitFor();
  assert.equal(await marker.evaluate((el) => el === document.activeElement), true, 'the marker keeps the focus');
  assert.ok(tiles.length >= 2);
  await screenshot(page, 'pois-picker-keyboard-en');
  // An unreadable search, emptied by keyboard and left, is no longer marked wrong.
  await coords.fill('');
  await coords.press('Tab');
  await coords.click();
  assert.equal(await coords.inputValue(), '');
  await page.keyboard.type('near the cathedral');
  await page.keyboard.press('Enter');
  assert.equal(await coords.getAttribute('aria-invalid'), 'true');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');
  assert.equal(await coords.inputValue(), '');
  assert.equal(await coords.getAttribute('aria-invalid'), null, 'an emptied coordinate search is not marked invalid');
  await context.close();
});

test('without JavaScript a refused point says why and keeps what was typed', async () => {
  const undescribed = [];
  for (const locale of ['en', 'de-DE']) {
    const de = locale.startsWith('de');
    const plain = await ownerContext({ locale, javaScriptEnabled: false });
    const plainPage = await plain.newPage();
    await plainPage.goto(`${nahbar.base}/admin/locations/1/pois`);
    const plainForm = newPoiForm(plainPage);
    assert.equal(await plainForm.locator('.map-picker__map').isHidden(), true, 'no map without scripts');
    assert.equal(await plainForm.getByRole('button', { name: de ? 'Meinen Standort verwenden' : 'Use my position' }).count(), 0);
    const before = await plainPage.locator('ul.pois > li.card').count();
    const name = de ? 'Kaputter Ort' : 'Broken point';
    await plainForm.getByLabel('Name', { exact: true }).fill(name);
    await plainForm.getByLabel(de ? 'Art' : 'Kind', { exact: true }).selectOption('entrance');
    await plainForm.getByLabel(de ? 'Breitengrad' : 'Latitude', { exact: true }).fill('91');
    await plainForm.getByLabel(de ? 'Längengrad' : 'Longitude', { exact: true }).fill('7.85');
    await plainForm.getByLabel(de ? 'Koordinaten suchen' : 'Search by coordinates').fill('');
    await plainForm.getByLabel(de ? 'Auf der öffentlichen Seite zeigen' : 'Show on the public page').uncheck();
    await plainForm.getByRole('button', { name: de ? 'Eintragen' : 'Add', exact: true }).click();
    await plainPage.waitForURL(/\/admin\/locations\/1\/pois\?error=position&/);
    const refused = newPoiForm(plainPage);
    const alert = refused.getByRole('alert');
    assert.equal(await alert.innerText(), de
      ? 'Die Position fehlt oder stimmt nicht: Breitengrad von -90 bis 90, Längengrad von -180 bis 180, z. B. 47,9935 und 7,8520.'
      : 'The position is missing or wrong: latitude from -90 to 90, longitude from -180 to 180, e.g. 47.9935 and 7.8520.');
    assert.equal(await refused.getByLabel('Name', { exact: true }).inputValue(), name);
    assert.equal(await refused.getByLabel(de ? 'Art' : 'Kind', { exact: true }).inputValue(), 'entrance');
    assert.deepEqual(await fieldPoint(refused, de), { lat: '91', lon: '7.85' });
    assert.equal(await refused.getByLabel(de ? 'Auf der öffentlichen Seite zeigen' : 'Show on the public page').isChecked(), false);
    assert.equal(await refused.getByLabel(de ? 'Breitengrad' : 'Latitude', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(await plainPage.locator('ul.pois > li.card').count(), before, 'nothing was added');
    await screenshot(plainPage, `pois-refused-${de ? 'de' : 'en'}`);
    // Each field marked invalid is described by the message (checked last, see below).
    const errorId = await alert.getAttribute('id');
    for (const field of await refused.locator('[aria-invalid="true"]').all()) {
      const describedBy = (await field.getAttribute('aria-describedby'))?.split(/\s+/) ?? [];
      if (!describedBy.includes(errorId)) undescribed.push(`${locale} ${await field.getAttribute('name')}`);
    }
    await plain.close();
  }
  assert.deepEqual(undescribed, [], 'invalid fields not pointing to the error message');
});

/** The result cards of /nearby: name, distance text and the point from the geo: link. */
async function nearbyResults(page) {
  const cards = page.locator('section[aria-labelledby="nearby-results"] li.card');
  const results = [];
  for (const card of await cards.all()) {
    results.push({
      name: await card.locator('a strong').innerText(),
      what: await card.locator(':scope > span').first().innerText(),
      distance: await card.locator(':scope > span > strong').innerText(),
      point: geoPoint(await card.locator('a[href^="geo:"]').getAttribute('href')),
    });
  }
  return results;
}

test('nearby search at phone size', async () => {
  for (const locale of ['en', 'de-DE']) {
    const de = locale.startsWith('de');
    const context = await phoneContext(browser, { locale });
    const tiles = await blockedTiles(context);
    const page = await context.newPage();
    const hosts = new Set();
    page.on('request', (request) => hosts.add(new URL(request.url()).origin));
    await page.goto(`${nahbar.base}/nearby`);
    assert.equal(await page.locator('h1').innerText(), de ? 'In der Nähe' : 'Nearby');
    await page.getByLabel(de ? 'Breitengrad' : 'Latitude').fill(String(SHOP.lat));
    await page.getByLabel(de ? 'Längengrad' : 'Longitude').fill(String(SHOP.lon));
    await page.getByLabel(de ? 'Umkreis (Meter)' : 'Radius (metres)').fill('100');
    await page.getByRole('button', { name: de ? 'Suchen' : 'Search', exact: true }).click();
    await page.waitForURL(`${nahbar.base}/nearby?lat=${SHOP.lat}&lon=${SHOP.lon}&radius_m=100`);
    assert.equal(await page.getByRole('heading', { name: de ? 'Ergebnisse' : 'Results' }).count(), 1);
    const results = await nearbyResults(page);
    const names = results.map((r) => r.name);
    for (const name of ['Bäckerei Sonnenschein Freiburg', ...FREIBURG_POIS]) assert.ok(names.includes(name), `${name} in ${names}`);
    assert.ok(!names.includes('Café Sonnenschein Leipzig'));
    const parking = results.find((r) => r.name === 'Kundenparkplatz im Hof');
    assert.equal(parking.what.split(' · ')[0], de ? 'Parken bei Bäckerei Sonnenschein Freiburg' : 'Parking at Bäckerei Sonnenschein Freiburg');
    assert.equal(results.find((r) => r.name === 'Bäckerei Sonnenschein Freiburg').what.split(' · ')[0], de ? 'Geschäft' : 'Shop');
    // Nearest first, each within the radius, each distance as shown matches its point.
    const metres = results.map((r) => distanceM(SHOP, r.point));
    for (const [n, r] of results.entries()) {
      assert.ok(metres[n] <= 100, `${r.name} at ${metres[n]} m`);
      assert.equal(r.distance, shownDistance(metres[n], de), r.name);
      if (n > 0) assert.ok(metres[n - 1] <= metres[n], `${results[n - 1].name} before ${r.name}`);
    }
    assert.equal(results[0].name, 'Bäckerei Sonnenschein Freiburg', 'the shop itself is nearest');
    assert.equal(tiles.length, 0);
    assert.deepEqual([...hosts], [nahbar.base]);
    await screenshot(page, `nearby-${de ? 'de' : 'en'}`);

    // Bad input: a 400 with the reason.
    const response = await page.goto(`${nahbar.base}/nearby?lat=91&lon=7.85`);
    assert.equal(response.status(), 400);
    assert.equal(await page.getByRole('alert').innerText(),
      de ? 'Der Breitengrad muss eine Zahl von -90 bis 90 sein.' : 'Lat must be a number from -90 to 90.');
    assert.equal(await page.getByLabel(de ? 'Breitengrad' : 'Latitude').inputValue(), '91', 'what was typed stays');
    await context.close();
  }

  // "Use my position" (the page's own small script) searches around the device.
  const context = await phoneContext(browser, { locale: 'en' });
  await context.grantPermissions(['geolocation'], { origin: nahbar.base });
  await context.setGeolocation({ latitude: 51.3209, longitude: 12.3730, accuracy: 20 });
  const page = await context.newPage();
  await page.goto(`${nahbar.base}/nearby`);
  await page.getByRole('button', { name: 'Use my position' }).click();
  await page.waitForURL(/\/nearby\?lat=51\.320900&lon=12\.373000&radius_m=2000$/);
  const results = await nearbyResults(page);
  const names = results.map((r) => r.name);
  assert.equal(names[0], 'Café Sonnenschein Leipzig');
  for (const name of ['Parkhaus Südplatz', 'Eingang Karl-Liebknecht-Straße', 'Ladesäule Kurt-Eisner-Straße']) {
    assert.ok(names.includes(name), `${name} in ${names}`);
  }
  assert.ok(!names.some((name) => FREIBURG_POIS.includes(name)), 'nothing from Freiburg');
  await screenshot(page, 'nearby-position-en');
  await context.close();
});

test('the POI screens pass axe-core', async () => {
  for (const locale of ['en', 'de-DE']) {
    const de = locale.startsWith('de');
    // axe-core needs JavaScript in the page; customer pages forbid scripts by their CSP.
    const checker = await ownerContext({ locale, bypassCSP: true });
    await blockedTiles(checker);
    const page = await checker.newPage();
    await page.goto(`${nahbar.base}/admin/locations/1/pois`);
    await newPoiForm(page).locator('.map-picker__map').scrollIntoViewIfNeeded();
    await newPoiForm(page).locator('.leaflet-container').waitFor();
    await newPoiForm(page).locator('[data-picker-status][data-state="error"]').filter({ hasText: /./ }).waitFor();
    assert.deepEqual(await axeViolations(page), [], `${locale} POI screen`);
    // With an editor open and a marker placed.
    await page.locator('ul.pois > li.card').first().locator('summary').click();
    await page.locator('ul.pois > li.card').first().locator('.leaflet-marker-icon').waitFor();
    assert.deepEqual(await axeViolations(page), [], `${locale} POI screen with an open editor`);
    await page.goto(`${nahbar.base}/nearby?lat=${SHOP.lat}&lon=${SHOP.lon}&radius_m=100`);
    await page.locator('section[aria-labelledby="nearby-results"]').waitFor();
    assert.deepEqual(await axeViolations(page), [], `${locale} nearby results`);
    await page.goto(`${nahbar.base}/sonnenschein-freiburg?map=1#map`);
    await page.locator('#map svg').waitFor();
    assert.deepEqual(await axeViolations(page), [], `${locale} local page with the map`);
    if (de) await screenshot(page, 'local-page-map-de');
    await checker.close();
  }
});

test('the position fields are laid out like the other fields', async () => {
  /** From the top of a label to the top of its input, in CSS pixels. */
  const gap = async (form, label) => {
    const input = form.getByLabel(label, { exact: true });
    const id = await input.getAttribute('id');
    const [l, i] = [await form.locator(`label[for="${id}"]`).boundingBox(), await input.boundingBox()];
    return Math.round(i.y - l.y);
  };
  for (const [locale, javaScriptEnabled] of [['en', true], ['de-DE', true], ['en', false]]) {
    const de = locale.startsWith('de');
    const context = await ownerContext({ locale, javaScriptEnabled });
    await blockedTiles(context);
    const page = await context.newPage();
    await page.goto(`${nahbar.base}/admin/locations/1/pois`);
    const form = newPoiForm(page);
    await form.locator('fieldset').scrollIntoViewIfNeeded();
    if (javaScriptEnabled) await form.locator('.leaflet-container').waitFor();
    const name = await gap(form, 'Name');
    for (const label of de ? ['Breitengrad', 'Längengrad', 'Koordinaten suchen'] : ['Latitude', 'Longitude', 'Search by coordinates']) {
      const measured = await gap(form, label);
      assert.ok(measured <= name + 4, `${locale}${javaScriptEnabled ? '' : ' (no JS)'}: "${label}" is ${measured}px above its input, "Name" ${name}px`);
    }
    await context.close();
  }
});

test('the customer map shows the shop marker above the points', async () => {
  const context = await phoneContext(browser, { locale: 'en' });
  await blockedTiles(context);
  const page = await context.newPage();
  await page.goto(`${nahbar.base}/sonnenschein-freiburg?map=1#map`);
  const shop = page.locator('#map svg g.marker.shop circle');
  const box = await shop.boundingBox();
  const top = await page.evaluate(([x, y]) => {
    const g = document.elementFromPoint(x, y)?.closest('g.marker');
    return g ? `${g.getAttribute('class')} ${g.textContent}` : 'no marker';
  }, [box.x + box.width / 2, box.y + box.height / 2]);
  assert.equal(top, 'marker shop S', 'the shop marker is on top at its own centre');
  await context.close();
});
