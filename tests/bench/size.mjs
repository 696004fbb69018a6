// `make bench`: what the local page and the staff app cost on the wire, and how fast the
// server renders the local page next to the same bytes served as a static file.
//
// Side by side in one run on the same machine: the reference is a copy of the site root
// whose offline.html holds exactly the local page's HTML, served by the same server.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const BIN = path.resolve(process.env.NAHBAR_BIN ?? '../target/release/nahbar');
const SITE = path.resolve(process.env.LEPTOS_SITE_ROOT ?? '../target/site');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = 8;

async function start(siteRoot, dataDir) {
  const child = spawn(BIN, ['serve', '--demo', '--bind', '127.0.0.1:0', '--data-dir', dataDir], {
    env: { ...process.env, LEPTOS_SITE_ROOT: siteRoot, RUST_LOG: 'warn,server=info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const base = await new Promise((resolve, reject) => {
    const onData = (d) => { out += d; const m = out.match(/listens on (http:\/\/127\.0\.0\.1:\d+)/); if (m) resolve(m[1]); };
    child.stdout.on('data', onData); child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return { base, stop: () => { child.kill('SIGTERM'); return new Promise((r) => child.once('exit', r)); } };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Bytes on the wire (fetch would decompress them, so plain node:http). */
function wireSize(url, encoding) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => { bytes += chunk.length; });
      res.on('end', () => resolve({ status: res.statusCode, bytes, encoding: res.headers['content-encoding'] ?? 'identity' }));
    }).on('error', reject);
  });
}

async function rate(url) {
  let done = 0; const latencies = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (done < REQUESTS) {
      done++;
      const t = performance.now();
      const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      latencies.push(performance.now() - t);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(2);
  return { perSecond: REQUESTS / seconds, p50: pct(0.5), p99: pct(0.99) };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'nahbar-bench-'));
const refSite = mkdtempSync(path.join(tmpdir(), 'nahbar-ref-site-'));
try {
  const nahbar = await start(SITE, dataDir);
  const page = `${nahbar.base}/sonnenschein-freiburg`;
  const html = Buffer.from(await (await fetch(page, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
  const css = Buffer.from(await (await fetch(`${nahbar.base}/pkg/nahbar.css`)).arrayBuffer());
  const wasm = Buffer.from(await (await fetch(`${nahbar.base}/pkg/nahbar.wasm`)).arrayBuffer());
  const js = Buffer.from(await (await fetch(`${nahbar.base}/pkg/nahbar.js`)).arrayBuffer());
  const served = await wireSize(page, 'br, gzip');
  const servedCss = await wireSize(`${nahbar.base}/pkg/nahbar.css`, 'br, gzip');
  const servedWasm = await wireSize(`${nahbar.base}/pkg/nahbar.wasm`, 'br, gzip');

  console.log('Customer page /sonnenschein-freiburg (goal: HTML + CSS under 30 KB compressed)');
  console.log(`  HTML  raw ${kb(html.length)}  gzip ${kb(gz(html))}  brotli ${kb(br(html))}  as served (${served.encoding}) ${kb(served.bytes)}`);
  console.log(`  CSS   raw ${kb(css.length)}  gzip ${kb(gz(css))}  brotli ${kb(br(css))}  as served (${servedCss.encoding}) ${kb(servedCss.bytes)}`);
  console.log(`  HTML + CSS as served: ${kb(served.bytes + servedCss.bytes)}`);
  console.log('Staff app (islands)');
  console.log(`  WASM  raw ${kb(wasm.length)}  gzip ${kb(gz(wasm))}  brotli ${kb(br(wasm))}  as served (${servedWasm.encoding}) ${kb(servedWasm.bytes)}`);
  console.log(`  JS    raw ${kb(js.length)}  gzip ${kb(gz(js))}`);

  // Reference: the same HTML bytes as a static file from the same server.
  cpSync(SITE, refSite, { recursive: true });
  writeFileSync(path.join(refSite, 'offline.html'), html);
  await nahbar.stop();
  const both = await start(refSite, dataDir);
  const staticBytes = Buffer.from(await (await fetch(`${both.base}/offline.html`)).arrayBuffer());
  if (!staticBytes.equals(html)) throw new Error('reference does not serve the same bytes');
  await rate(`${both.base}/sonnenschein-freiburg`); // warm up
  const rendered = await rate(`${both.base}/sonnenschein-freiburg`);
  const reference = await rate(`${both.base}/offline.html`);
  await both.stop();
  console.log(`Serving the local page, ${REQUESTS} requests, ${CONCURRENCY} at a time, uncompressed`);
  console.log(`  Nahbar (render from the database): ${rendered.perSecond.toFixed(0)} req/s  p50 ${rendered.p50} ms  p99 ${rendered.p99} ms`);
  console.log(`  Reference (same bytes, static file): ${reference.perSecond.toFixed(0)} req/s  p50 ${reference.p50} ms  p99 ${reference.p99} ms`);
  console.log(`  Ratio Nahbar / static: ${(rendered.perSecond / reference.perSecond).toFixed(2)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(refSite, { recursive: true, force: true });
}
