// Benchmark of opening_hours.js, the counterpart of Nahbar's evaluator bench.
//
// Usage (from /work/main/tests):
//   node oh/bench.mjs [--corpus oh/corpus.txt] [--json] [--min-seconds 2]
//
// Loads the corpus, keeps the values that parse, builds each opening_hours
// object once (construction is not timed), then evaluates every value at
// every instant from instants.mjs, repeating whole passes until at least
// --min-seconds (default 2) have elapsed. One evaluation = one getState(date)
// plus one getNextChange(date) call (with the same explicit 5×366-day
// look-ahead as reference.mjs, see common.mjs).
//
// Prints:  opening_hours.js: N evaluations in S s = R evaluations/s
// or with --json:  {"evaluations":N,"seconds":S,"per_second":R}

import OpeningHours from 'opening_hours';
import {
  NOMINATIM, OH_CONF, DEFAULT_CORPUS,
  ensureBerlinTz, rawNextChange as nextChange, parseLocal, loadCorpus, argValue,
} from './common.mjs';
import { instants } from './instants.mjs';

ensureBerlinTz();

const corpusFile = argValue('--corpus') ?? DEFAULT_CORPUS;
const minSeconds = Number(argValue('--min-seconds') ?? 2);
const asJson = process.argv.includes('--json');

// Build the objects once; drop values the library rejects.
const objects = [];
for (const value of loadCorpus(corpusFile)) {
  try {
    objects.push(new OpeningHours(value, NOMINATIM, OH_CONF));
  } catch {
    // malformed value: not part of the benchmark
  }
}
const dates = instants().map(parseLocal);
// Drop values opening_hours.js cannot evaluate at every instant (sun times on some nights
// throw, see differential.test.mjs); they are not part of the comparison.
const usable = objects.filter((oh) => {
  try {
    for (const date of dates) { oh.getState(date); nextChange(oh, date); }
    return true;
  } catch {
    return false;
  }
});
objects.length = 0;
objects.push(...usable);

/** One pass over all values × instants; returns a checksum so the JIT
 *  cannot discard the work. */
function pass() {
  let sum = 0;
  for (const oh of objects) {
    for (const date of dates) {
      if (oh.getState(date)) sum += 1;
      const next = nextChange(oh, date);
      if (next !== undefined) sum += next.getTime() % 7;
    }
  }
  return sum;
}

pass(); // warm-up, not timed

let evaluations = 0;
let checksum = 0;
const start = process.hrtime.bigint();
let seconds = 0;
do {
  checksum += pass();
  evaluations += objects.length * dates.length;
  seconds = Number(process.hrtime.bigint() - start) / 1e9;
} while (seconds < minSeconds);

const perSecond = evaluations / seconds;
if (asJson) {
  console.log(JSON.stringify({
    evaluations,
    seconds: Number(seconds.toFixed(3)),
    per_second: Math.round(perSecond),
    values: objects.length,
  }));
} else {
  console.log(`opening_hours.js: ${evaluations} evaluations in ${seconds.toFixed(3)} s = ` +
    `${Math.round(perSecond)} evaluations/s`);
}
// Keep the checksum observable (stderr, so stdout stays one line).
if (process.env.OH_BENCH_DEBUG) console.error(`objects=${objects.length} instants=${dates.length} checksum=${checksum}`);
