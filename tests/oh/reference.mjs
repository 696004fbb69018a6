// Reference side of the differential test: evaluate every corpus value with
// opening_hours.js at every instant from instants.mjs and print ONE JSON
// document to stdout.
//
// Usage (from tests/):
//   node oh/reference.mjs [--scenario freiburg] [--corpus oh/corpus.txt] [--instants file.json] [--pretty]
//
// Output shape:
//   { "tz": "Europe/Berlin", "region": "DE-BW", "library": "opening_hours@x.y.z",
//     "instants": ["2026-01-01T00:00", ...],
//     "values": [ { "value": "...", "ok": true|false, "error": string|null,
//                   "warnings": [string, ...],
//                   "results": [ { "open": bool, "unknown": bool,
//                                  "next_change": "YYYY-MM-DDTHH:MM"|null,
//                                  "comment": string|null }, ... ] } ] }
// plus "library" (package version) and "next_change_limit_days" (1830: the
// getNextChange look-ahead; null next_change = no visible change within it).
// `results` has one entry per instant, in the order of `instants`; it is
// empty when the value does not parse (`ok` false, `error` = thrown message).
//
// opening_hours.js works in the process-local time zone, so the script
// re-executes itself with TZ=Europe/Berlin when needed (see common.mjs).

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import OpeningHours from 'opening_hours';
import {
  SCENARIOS, OH_CONF, DEFAULT_CORPUS, NEXT_CHANGE_LIMIT_DAYS,
  ensureTz, nominatim, scenario, nextChange, parseLocal, formatLocal, loadCorpus, argValue, errorMessage,
} from './common.mjs';
import { instants } from './instants.mjs';

const SCENARIO = scenario(argValue('--scenario') ?? SCENARIOS[0].name);
const NOMINATIM = nominatim(SCENARIO);
ensureTz(SCENARIO.tz);

const libVersion = createRequire(import.meta.url)('opening_hours/package.json').version;

/** Evaluate one value at all instants. Never throws. */
function evaluate(value, stamps, dates) {
  let oh;
  try {
    oh = new OpeningHours(value, NOMINATIM, OH_CONF);
  } catch (e) {
    return { value, ok: false, error: errorMessage(e), warnings: [], results: [] };
  }
  const warnings = oh.getWarnings();
  const results = [];
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i];
    try {
      // getState() is false while the state is unknown; getUnknown() tells them apart.
      const next = nextChange(oh, date);
      results.push({
        open: oh.getState(date),
        unknown: oh.getUnknown(date),
        next_change: next === undefined ? null : formatLocal(next),
        comment: oh.getComment(date) ?? null,
      });
    } catch (e) {
      // opening_hours.js throws for sun times on some nights (see differential.test.mjs);
      // record the instant instead of dropping the whole value.
      results.push({ error: `evaluation failed at ${stamps[i]}: ${errorMessage(e)}` });
    }
  }
  return { value, ok: true, error: null, warnings, results };
}

function main() {
  const corpusFile = argValue('--corpus') ?? DEFAULT_CORPUS;
  const stamps = argValue('--instants')
    ? JSON.parse(readFileSync(argValue('--instants'), 'utf8'))
    : instants();
  const dates = stamps.map(parseLocal);
  const values = loadCorpus(corpusFile).map((value) => evaluate(value, stamps, dates));

  const doc = { scenario: SCENARIO.name, tz: SCENARIO.tz, region: SCENARIO.region, lat: SCENARIO.lat, lon: SCENARIO.lon, library: `opening_hours@${libVersion}`,
    next_change_limit_days: NEXT_CHANGE_LIMIT_DAYS, instants: stamps, values };
  process.stdout.write(JSON.stringify(doc, null, process.argv.includes('--pretty') ? 2 : 0) + '\n');

  const parsed = values.filter((v) => v.ok).length;
  console.error(`reference: ${values.length} values (${parsed} parse, ${values.length - parsed} rejected) x ${stamps.length} instants`);
}

main();
