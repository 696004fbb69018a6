// Customer pages are valid HTML: every page in the sitemap, a post page, the nearby search
// and the 404 page, in German and in English, checked by the W3C Nu HTML Checker (vnu.jar
// from npm `vnu-jar`, run by Debian's Java). One JVM checks all pages at once: starting it
// costs more than checking them. No browser: the checker reads the served HTML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNahbar } from './harness.mjs';

const require = createRequire(import.meta.url);
const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

let nahbar;
let dir;
before(async () => {
  nahbar = await startNahbar();
  dir = mkdtempSync(path.join(tmpdir(), 'nahbar-vnu-'));
});
after(async () => {
  await nahbar?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The customer pages to check: path → the status it answers with. */
async function customerPages(base) {
  const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  assert.ok(paths.length >= 3, `the sitemap lists pages:\n${sitemap}`);
  const pages = new Map(paths.map((p) => [p, 200]));
  // A post page, as the location's Atom feed links it (the sitemap does not list posts).
  const locations = paths.filter((p) => /^\/[^/]+$/.test(p) && !['/imprint', '/privacy'].includes(p));
  for (const location of locations) {
    const feed = await (await fetch(`${base}${location}/feed.atom`)).text();
    const post = feed.match(/<link href="([^"]+\/posts\/\d+)" rel="alternate"/)?.[1];
    if (post) { pages.set(new URL(post).pathname, 200); break; }
  }
  assert.ok([...pages.keys()].some((p) => p.includes('/posts/')), 'the demo has a post page');
  pages.set('/nearby', 200);
  pages.set('/nearby?lat=51.34&lon=12.37', 200);
  pages.set('/no-such-place', 404);
  return pages;
}

test('every customer page is valid HTML for the W3C Nu checker, in German and English', async () => {
  const started = Date.now();
  const pages = await customerPages(nahbar.base);
  const sources = new Map(); // file → "page (lang)"
  for (const [page, status] of pages) {
    for (const lang of ['de', 'en']) {
      const response = await fetch(`${nahbar.base}${page}`, { headers: { 'accept-language': lang } });
      assert.equal(response.status, status, `${page} (${lang})`);
      assert.equal(response.headers.get('content-language'), lang, `${page} (${lang})`);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/, `${page} (${lang})`);
      const file = path.join(dir, `${sources.size}.html`);
      writeFileSync(file, await response.text());
      sources.set(file, `${page} (${lang})`);
    }
  }
  const run = spawnSync(process.env.JAVA ?? 'java',
    ['-jar', VNU_JAR, '--format', 'json', '--stdout', '--errors-only', ...sources.keys()],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.error, undefined, `java could not run: ${run.error}`);
  let report;
  try { report = JSON.parse(run.stdout); } catch {
    assert.fail(`the checker gave no JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  const errors = report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  const described = errors.map((m) => {
    const file = m.url ? path.join(dir, path.basename(new URL(m.url).pathname)) : '';
    const where = m.lastLine ? `line ${m.lastLine}:${m.firstColumn ?? m.lastColumn}` : 'document';
    return `${sources.get(file) ?? m.url} ${where}: ${m.message}${m.extract ? `\n    ${m.extract.trim()}` : ''}`;
  });
  console.log(`checked ${sources.size} pages (${pages.size} × 2 languages) in ${Date.now() - started} ms`);
  assert.deepEqual(described, [], `${described.length} validator errors:\n${described.join('\n')}`);
  assert.equal(run.status, 0, run.stderr);
});
