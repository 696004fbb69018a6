// Differential comparison of Nahbar's opening-hours evaluation with opening_hours.js.
//
// For every scenario of common.mjs (time zone, region, coordinates) runs `oh/reference.mjs`
// (opening_hours.js) and `nahbar hours eval-corpus` on the same corpus and instants and
// compares, for every value Nahbar accepts, the state (open / closed / unknown) and the next
// change of state at every instant. Nahbar looks 14 days ahead, so a change opening_hours.js
// finds later counts as agreement when Nahbar reports none. The first scenario evaluates the
// whole corpus; the others only the values whose meaning depends on the place (public and
// school holidays, sun times): everything else reads the same wall clock in all of them.
//
// It also collects, per accepted value, Nahbar's canonical export and whether importing it
// gives the same hours (round trip), so the test can check the export with the reference.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SCENARIOS, loadCorpus } from './common.mjs';
import { instants } from './instants.mjs';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const LOOKAHEAD_MINUTES = 13 * 24 * 60;
const PLACE_DEPENDENT = /PH|SH|sunrise|sunset|dawn|dusk/;

const minutes = (stamp) => Date.parse(`${stamp}:00Z`) / 60_000;

async function reference(scenario, corpusFile, instantsFile) {
  const { stdout } = await run(process.execPath, [path.join(here, 'reference.mjs'), '--scenario', scenario.name,
    '--corpus', corpusFile, '--instants', instantsFile], { maxBuffer: 512 << 20 });
  return JSON.parse(stdout);
}

async function nahbar(bin, scenario, corpusFile, instantsFile) {
  const { stdout } = await run(bin, ['hours', 'eval-corpus', '--corpus', corpusFile, '--instants', instantsFile,
    '--tz', scenario.tz, '--region', scenario.region, '--lat', String(scenario.lat), '--lon', String(scenario.lon)],
  { maxBuffer: 512 << 20 });
  return JSON.parse(stdout);
}

export async function compare(bin, { corpus = path.join(here, 'corpus.txt'), scenarios = SCENARIOS } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'nahbar-oh-'));
  const report = {
    supported: 0, refused: [], rejectedByBoth: 0, acceptedOnlyByNahbar: [], checks: 0, agreements: 0,
    disagreements: [], referenceErrors: [], canonical: new Map(), notRoundTripping: [], perScenario: {},
  };
  try {
    const instantsFile = path.join(dir, 'instants.json');
    writeFileSync(instantsFile, JSON.stringify(instants()));
    const all = loadCorpus(corpus);
    const jobs = scenarios.map((scenario, n) => {
      const values = n === 0 ? all : all.filter((v) => PLACE_DEPENDENT.test(v));
      const corpusFile = path.join(dir, `corpus-${scenario.name}.txt`);
      writeFileSync(corpusFile, values.join('\n') + '\n');
      return Promise.all([reference(scenario, corpusFile, instantsFile), nahbar(bin, scenario, corpusFile, instantsFile)])
        .then(([ref, ours]) => ({ scenario, ref, ours, first: n === 0 }));
    });
    // Two at a time: the machine has two cores.
    const results = [];
    for (let i = 0; i < jobs.length; i += 2) results.push(...await Promise.all(jobs.slice(i, i + 2)));
    for (const { scenario, ref, ours, first } of results) {
      const counts = { values: ref.values.length, checks: 0, agreements: 0 };
      report.perScenario[scenario.name] = counts;
      ref.values.forEach((r, index) => {
        const o = ours.values[index];
        if (o.value !== r.value) throw new Error(`corpus order differs at ${index}`);
        if (!o.ok) {
          if (first) { if (r.ok) report.refused.push({ value: r.value, reason: o.error }); else report.rejectedByBoth++; }
          return;
        }
        if (!r.ok) { if (first) report.acceptedOnlyByNahbar.push({ value: r.value, error: r.error }); return; }
        if (first) {
          report.supported++;
          report.canonical.set(r.value, o.canonical);
          if (!o.round_trip) report.notRoundTripping.push({ value: r.value, canonical: o.canonical });
        }
        r.results.forEach((want, i) => {
          const got = o.results[i];
          const at = ref.instants[i];
          if (want.error) {
            report.referenceErrors.push({ scenario: scenario.name, value: r.value, at, error: want.error });
            return;
          }
          const sameState = want.open === got.open && want.unknown === got.unknown;
          const sameNext = got.next_change === want.next_change
            || (got.next_change === null && (want.next_change === null || minutes(want.next_change) - minutes(at) >= LOOKAHEAD_MINUTES));
          report.checks++;
          counts.checks++;
          if (sameState && sameNext) { report.agreements++; counts.agreements++; } else {
            report.disagreements.push({ scenario: scenario.name, value: r.value, at, reference: want, nahbar: got });
          }
        });
      });
    }
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = await compare(path.resolve(process.env.NAHBAR_BIN ?? '../target/debug/nahbar'));
  const valid = report.supported + report.refused.length;
  console.log(`reference-valid values: ${valid}; Nahbar accepts ${report.supported} (${(100 * report.supported / valid).toFixed(1)} %); both reject ${report.rejectedByBoth}; accepted only by Nahbar: ${report.acceptedOnlyByNahbar.length}`);
  console.log(`agreement: ${report.agreements}/${report.checks} evaluations (${(100 * report.agreements / report.checks).toFixed(3)} %)`, JSON.stringify(report.perScenario));
  const seen = new Set();
  for (const d of report.disagreements) {
    if (seen.has(d.scenario + d.value) && !process.argv.includes('--all')) continue;
    seen.add(d.scenario + d.value);
    console.log('DISAGREE', JSON.stringify(d));
  }
  for (const v of report.acceptedOnlyByNahbar) console.log('ONLY NAHBAR ACCEPTS', JSON.stringify(v));
  for (const v of report.notRoundTripping) console.log('NO ROUND TRIP', JSON.stringify(v));
  if (process.argv.includes('--refused')) for (const r of report.refused) console.log('REFUSED', r.value, '→', r.reason);
}
