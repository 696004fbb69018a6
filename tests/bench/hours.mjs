// `make bench`, opening hours: evaluations per second of Nahbar and of opening_hours.js on
// the same values (those Nahbar accepts from tests/oh/corpus.txt) and the same instants,
// side by side in one run. One evaluation = state at an instant + next change. Same place for
// both (Freiburg: Europe/Berlin, DE-BW holidays, coordinates for sunrise/sunset).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { instants } from '../oh/instants.mjs';
import { SCENARIOS } from '../oh/common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(process.env.NAHBAR_BIN ?? path.join(here, '../../target/release/nahbar'));
const SECONDS = process.env.BENCH_SECONDS ?? '3';
const dir = mkdtempSync(path.join(tmpdir(), 'nahbar-hours-bench-'));
try {
  const instantsFile = path.join(dir, 'instants.json');
  writeFileSync(instantsFile, JSON.stringify(instants()));
  const corpus = path.join(here, '../oh/corpus.txt');
  const place = ['--tz', SCENARIOS[0].tz, '--region', SCENARIOS[0].region, '--lat', String(SCENARIOS[0].lat), '--lon', String(SCENARIOS[0].lon)];
  const run = (args) => execFileSync(BIN, ['hours', 'eval-corpus', '--corpus', corpus, '--instants', instantsFile, ...place, ...args], { maxBuffer: 256 << 20 });
  const accepted = JSON.parse(run([])).values.filter((v) => v.ok).map((v) => v.value);
  const sameValues = path.join(dir, 'accepted.txt');
  writeFileSync(sameValues, accepted.join('\n') + '\n');
  const nahbar = JSON.parse(execFileSync(BIN, ['hours', 'eval-corpus', '--corpus', sameValues, '--instants', instantsFile, ...place, '--bench-seconds', SECONDS]));
  const reference = JSON.parse(execFileSync(process.execPath, [path.join(here, '../oh/bench.mjs'), '--corpus', sameValues, '--json', '--min-seconds', SECONDS]));
  console.log(`Opening hours: ${accepted.length} values Nahbar accepts × ${instants().length} instants (Europe/Berlin, DE-BW holidays, Freiburg's sun), one core each` +
    ` (opening_hours.js: ${reference.values} of them, the others throw on some nights)`);
  console.log(`  Nahbar:           ${Math.round(nahbar.per_second)} evaluations/s (${nahbar.evaluations} in ${nahbar.seconds.toFixed(2)} s)`);
  console.log(`  opening_hours.js: ${Math.round(reference.per_second)} evaluations/s (${reference.evaluations} in ${reference.seconds.toFixed(2)} s)`);
  console.log(`  Ratio Nahbar / opening_hours.js: ${(nahbar.per_second / reference.per_second).toFixed(1)}× (goal ≥ 20×)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
