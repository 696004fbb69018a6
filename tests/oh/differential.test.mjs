// Differential test: Nahbar's evaluation against opening_hours.js (the reference
// implementation of the OSM syntax) on the corpus × instants of this folder. Every
// disagreement on a value Nahbar accepts fails the test, except the one documented defect
// of opening_hours.js below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { compare } from './compare.mjs';

const BIN = path.resolve(process.env.NAHBAR_BIN ?? '../target/debug/nahbar');

/** opening_hours.js shifts intervals carried past midnight by one hour in the night after
 *  the spring DST switch (2026-03-29 → 30): `Su 20:00-02:00` is closed at 00:30 and open
 *  at 01:30 there, and reports a change at Monday 00:00 for values with no Sunday hours.
 *  Nahbar's handling of that night is covered by its own DST unit tests. */
function knownReferenceDefect(d) {
  const night = (stamp) => stamp !== null && stamp >= '2026-03-30T00:00' && stamp < '2026-03-30T03:00';
  return d.at.startsWith('2026-03-29') && night(d.reference.next_change)
    || night(d.at);
}

test('Nahbar agrees with opening_hours.js on every value it accepts', () => {
  const report = compare(BIN);
  const defects = report.disagreements.filter(knownReferenceDefect);
  const real = report.disagreements.filter((d) => !knownReferenceDefect(d));
  const total = report.supported + report.refused.length + report.rejectedByBoth + report.acceptedOnlyByNahbar.length;
  console.log(`corpus: ${total} values; Nahbar accepts ${report.supported}, refuses ${report.refused.length} with a reason, both reject ${report.rejectedByBoth}`);
  console.log(`agreement: ${report.agreements}/${report.checks} evaluations (${(100 * report.agreements / report.checks).toFixed(2)} %); ` +
    `${defects.length} more differ only in the documented opening_hours.js DST defect`);
  assert.ok(total >= 150, 'a corpus of at least 150 values');
  assert.ok(report.checks >= 20_000, 'many instants per value');
  assert.deepEqual(report.acceptedOnlyByNahbar, [], 'Nahbar accepts nothing the reference rejects');
  assert.deepEqual(real.slice(0, 5), [], `${real.length} disagreements`);
  for (const r of report.refused) assert.ok(r.reason.length > 10, `a refusal explains itself: ${r.value}`);
});
