// Shared helpers for the opening_hours.js side of the differential test
// (reference.mjs) and the benchmark (bench.mjs).
//
// opening_hours.js evaluates in the *process-local* time zone (it uses
// Date#getHours(), Date#getDay(), new Date(y, m, d, ...) etc.), so everything
// here assumes the process runs with TZ=Europe/Berlin. ensureBerlinTz()
// re-executes the current script with that TZ when it is not already set.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const TZ = 'Europe/Berlin';
export const REGION = 'DE-BW';

/** Nominatim-like location object: Freiburg im Breisgau, Baden-Württemberg.
 *  Quirk: the library only accepts lat/lon as *strings* (numbers are silently
 *  ignored); they matter only for sunrise/sunset, which the corpus doesn't use.
 *  country_code + state select the public-holiday calendar for `PH`. */
export const NOMINATIM = {
  lat: '48.0',
  lon: '7.85',
  address: { country_code: 'de', state: 'Baden-Württemberg' },
};

/** mode 0 = time ranges only; tag_key makes the warnings mention the tag;
 *  locale pins warning/error texts to English. */
export const OH_CONF = { mode: 0, tag_key: 'opening_hours', locale: 'en' };

export const DEFAULT_CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus.txt');

/** Make sure this process evaluates in Europe/Berlin. If TZ differs, run the
 *  same script again as a child with TZ set, forward its exit code and exit.
 *  Afterwards verify that the runtime actually honours the zone (CET/CEST). */
export function ensureBerlinTz() {
  if (process.env.TZ !== TZ) {
    const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      env: { ...process.env, TZ },
      stdio: 'inherit',
    });
    if (child.error) {
      console.error(`failed to re-exec with TZ=${TZ}: ${child.error.message}`);
      process.exit(2);
    }
    process.exit(child.status ?? 1);
  }
  const winter = new Date(2026, 0, 15, 12).getTimezoneOffset();
  const summer = new Date(2026, 6, 15, 12).getTimezoneOffset();
  if (winter !== -60 || summer !== -120) {
    console.error(`TZ=${TZ} is not honoured by this Node (offsets ${winter}/${summer}); ` +
      'is the ICU/tzdata time zone database missing?');
    process.exit(2);
  }
}

/** Parse local wall time 'YYYY-MM-DDTHH:MM' into a Date (in process TZ).
 *  Throws for malformed strings and for wall times that don't exist
 *  (the spring-forward gap), which JS would otherwise silently shift. */
export function parseLocal(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(s);
  if (!m) throw new Error(`bad local date-time: ${s}`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const date = new Date(y, mo - 1, d, h, mi, 0, 0);
  if (formatLocal(date) !== s) throw new Error(`local time does not exist in ${TZ}: ${s}`);
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
