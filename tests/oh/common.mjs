// Shared helpers for the opening_hours.js side of the differential test
// (reference.mjs) and the benchmark (bench.mjs).
//
// opening_hours.js evaluates in the *process-local* time zone (it uses
// Date#getHours(), Date#getDay(), new Date(y, m, d, ...) etc.), so a script
// evaluates one scenario's zone at a time: ensureTz() re-executes the current
// script with TZ set when it is not already.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Where the differential test evaluates: time zone, region (public and school holidays)
 *  and coordinates (sunrise/sunset). The first one is the default and the benchmark's. */
export const SCENARIOS = [
  { name: 'freiburg', tz: 'Europe/Berlin', region: 'DE-BW', lat: 48.0, lon: 7.85,
    address: { country_code: 'de', state: 'Baden-Württemberg' } },
  { name: 'munich', tz: 'Europe/Berlin', region: 'DE-BY', lat: 48.14, lon: 11.58,
    address: { country_code: 'de', state: 'Bayern' } },
  { name: 'vienna', tz: 'Europe/Vienna', region: 'AT-9', lat: 48.21, lon: 16.37,
    address: { country_code: 'at', state: 'Wien' } },
  { name: 'zurich', tz: 'Europe/Zurich', region: 'CH-ZH', lat: 47.37, lon: 8.54,
    address: { country_code: 'ch', state: 'Zürich' } },
];

export function scenario(name) {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`unknown scenario ${name}`);
  return found;
}

/** Nominatim-like location object for opening_hours.js. Quirk: the library only accepts
 *  lat/lon as *strings* (numbers are silently ignored). country_code + state select the
 *  public- and school-holiday calendars for `PH` and `SH`. */
export function nominatim(s) {
  return { lat: String(s.lat), lon: String(s.lon), address: s.address };
}

// The default scenario, for the benchmark.
export const TZ = SCENARIOS[0].tz;
export const REGION = SCENARIOS[0].region;
export const NOMINATIM = nominatim(SCENARIOS[0]);

/** mode 0 = time ranges only; tag_key makes the warnings mention the tag;
 *  locale pins warning/error texts to English. */
export const OH_CONF = { mode: 0, tag_key: 'opening_hours', locale: 'en' };

export const DEFAULT_CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus.txt');

/** Make sure this process evaluates in `tz` (opening_hours.js uses the process zone). If
 *  TZ differs, run the same script again as a child with TZ set, forward its exit code and
 *  exit. Afterwards verify that the runtime honours the zone (CET/CEST). */
export function ensureTz(tz = TZ) {
  if (process.env.TZ !== tz) {
    const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      env: { ...process.env, TZ: tz },
      stdio: 'inherit',
    });
    if (child.error) {
      console.error(`failed to re-exec with TZ=${tz}: ${child.error.message}`);
      process.exit(2);
    }
    process.exit(child.status ?? 1);
  }
  const winter = new Date(2026, 0, 15, 12).getTimezoneOffset();
  const summer = new Date(2026, 6, 15, 12).getTimezoneOffset();
  if (winter !== -60 || summer !== -120) {
    console.error(`TZ=${tz} is not honoured by this Node (offsets ${winter}/${summer}); ` +
      'is the ICU/tzdata time zone database missing?');
    process.exit(2);
  }
}

export const ensureBerlinTz = () => ensureTz(TZ);

/** Parse local wall time 'YYYY-MM-DDTHH:MM' into a Date (in process TZ).
 *  Throws for malformed strings and for wall times that don't exist
 *  (the spring-forward gap), which JS would otherwise silently shift. */
export function parseLocal(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(s);
  if (!m) throw new Error(`bad local date-time: ${s}`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const date = new Date(y, mo - 1, d, h, mi, 0, 0);
  if (formatLocal(date) !== s) throw new Error(`local time does not exist in ${process.env.TZ}: ${s}`);
  return date;
}

/** Format a Date as local wall time 'YYYY-MM-DDTHH:MM' (seconds dropped). */
export function formatLocal(date) {
  const p = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}` +
    `T${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** Look-ahead limit for getNextChange, in days. This is the library's own
 *  default (iterator.advance: date + msec_in_day * 366 * 5), but we pass it
 *  explicitly: advance() recomputes that default from the iterator's *current*
 *  position on every call, so without an explicit maxdate a value whose state
 *  never changes while its comment does (e.g. `PH off`: each holiday has its
 *  own comment) walks holiday by holiday for millennia until the Easter
 *  computation throws (~6 s per call). */
export const NEXT_CHANGE_LIMIT_DAYS = 366 * 5;

/** Plain oh.getNextChange(date) with the explicit limit (what the benchmark times). */
export function rawNextChange(oh, date) {
  return oh.getNextChange(date, new Date(date.getTime() + NEXT_CHANGE_LIMIT_DAYS * 86400000));
}

/** oh.getNextChange(date) with the explicit 5×366-day limit described above, skipping
 *  "changes" after which the state is the same as before (opening_hours.js reports such a
 *  change at midnight on DST switch days): the next change is when open/closed/unknown
 *  actually differs. */
export function nextChange(oh, date) {
  const limit = new Date(date.getTime() + NEXT_CHANGE_LIMIT_DAYS * 86400000);
  const state = (d) => `${oh.getState(d)}/${oh.getUnknown(d)}`;
  const before = state(date);
  let next = oh.getNextChange(date, limit);
  for (let i = 0; i < 8 && next !== undefined && state(next) === before; i++) {
    next = oh.getNextChange(next, limit);
  }
  return next;
}

/** Read the corpus: one value per line; blank lines and '#' lines skipped.
 *  Lines are used verbatim (no trimming), except a trailing '\r'. */
export function loadCorpus(file = DEFAULT_CORPUS) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

/** Value of `--name <v>` / `--name=<v>` in argv, or undefined. */
export function argValue(name) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i].startsWith(name + '=')) return args[i].slice(name.length + 1);
  }
  return undefined;
}

/** Message of whatever the library threw (it mostly throws plain strings). */
export function errorMessage(e) {
  return e instanceof Error ? e.message : String(e);
}
