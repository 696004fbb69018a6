// Differential comparison of Nahbar's opening-hours evaluation with opening_hours.js.
//
// Runs `oh/reference.mjs` (opening_hours.js) and `nahbar hours eval-corpus` on the same
// corpus and instants (Europe/Berlin, DE-BW holidays) and compares, for every value Nahbar
// accepts, the state and the next change at every instant. Nahbar looks 14 days ahead, so
// a change opening_hours.js finds later counts as agreement when Nahbar reports none.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const LOOKAHEAD_MINUTES = 13 * 24 * 60;

const minutes = (stamp) => Date.parse(`${stamp}:00Z`) / 60_000;

export function compare(bin) {
  const reference = JSON.parse(execFileSync(process.execPath, [path.join(here, 'reference.mjs')],
    { maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] }));
  const dir = mkdtempSync(path.join(tmpdir(), 'nahbar-oh-'));
  try {
    const instantsFile = path.join(dir, 'instants.json');
    writeFileSync(instantsFile, JSON.stringify(reference.instants));
    const nahbar = JSON.parse(execFileSync(bin, ['hours', 'eval-corpus', '--corpus', path.join(here, 'corpus.txt'),
      '--instants', instantsFile, '--tz', reference.tz, '--region', reference.region], { maxBuffer: 256 << 20 }));
    const report = { supported: 0, refused: [], rejectedByBoth: 0, acceptedOnlyByNahbar: [], checks: 0, agreements: 0, disagreements: [] };
    reference.values.forEach((ref, index) => {
      const ours = nahbar.values[index];
      if (ours.value !== ref.value) throw new Error(`corpus order differs at ${index}`);
      if (!ours.ok) {
        if (ref.ok) report.refused.push({ value: ref.value, reason: ours.error }); else report.rejectedByBoth++;
        return;
      }
      if (!ref.ok) { report.acceptedOnlyByNahbar.push(ref.value); return; }
      report.supported++;
      ref.results.forEach((r, i) => {
        const o = ours.results[i];
        const at = reference.instants[i];
        const sameState = !r.unknown && r.open === o.open;
        const sameNext = o.next_change === r.next_change
          || (o.next_change === null && (r.next_change === null || minutes(r.next_change) - minutes(at) >= LOOKAHEAD_MINUTES));
        report.checks++;
        if (sameState && sameNext) report.agreements++;
        else report.disagreements.push({ value: ref.value, at, reference: r, nahbar: o });
      });
    });
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = compare(path.resolve(process.env.NAHBAR_BIN ?? '../target/debug/nahbar'));
  console.log(`values Nahbar supports: ${report.supported}; refused with a reason: ${report.refused.length}; rejected by both: ${report.rejectedByBoth}; accepted only by Nahbar: ${report.acceptedOnlyByNahbar.length}`);
  console.log(`agreement: ${report.agreements}/${report.checks} evaluations (${(100 * report.agreements / report.checks).toFixed(2)} %)`);
  for (const d of report.disagreements.slice(0, 30)) console.log('DISAGREE', JSON.stringify(d));
  for (const v of report.acceptedOnlyByNahbar) console.log('ONLY NAHBAR ACCEPTS', v);
  if (process.argv.includes('--refused')) for (const r of report.refused) console.log('REFUSED', r.value, '→', r.reason);
}
