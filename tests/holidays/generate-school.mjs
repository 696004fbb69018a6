#!/usr/bin/env node
/**
 * Writes app/src/domain/school_holidays.json: the school holidays (OSM `SH`) of every German
 * and Austrian state and Swiss canton, by ISO 3166-2 code, as date ranges per year.
 *
 *   cd tests && npm ci && node holidays/generate-school.mjs
 *
 * Source: the npm package `opening_hours` (maintained; it ships the OpenHolidays project's
 * school-holiday data, see its CHANGELOG). No other registry package carries German and
 * Austrian school holidays (date-holidays has none). Cantons the package has no data for
 * are written with no years (not covered). The data is read through the
 * package's public API only: the value `SH` is evaluated at noon of every day of every year
 * and consecutive days with the same holiday name become one range. A year counts as
 * covered when the package answers for every day of it (it throws for years it has no
 * data for) and has at least one school-holiday day in it; Nahbar answers "not covered" for
 * every other year instead of guessing.
 *
 * Output: { "source": "opening_hours@<version> (OpenHolidays data)",
 *           "regions": { "DE-BW": { "name": "Baden-Württemberg", "years": [2017, ...],
 *               "holidays": [ ["2026-03-30", "2026-04-11", "Osterferien"], ... ] } } }
 *   (one region per line, so a data update reads well in a diff)
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpeningHours from 'opening_hours';

const here = path.dirname(fileURLToPath(import.meta.url));
const version = createRequire(import.meta.url)('opening_hours/package.json').version;

export const STATES = {
  'DE-BW': ['de', 'Baden-Württemberg'], 'DE-BY': ['de', 'Bayern'], 'DE-BE': ['de', 'Berlin'],
  'DE-BB': ['de', 'Brandenburg'], 'DE-HB': ['de', 'Bremen'], 'DE-HH': ['de', 'Hamburg'],
  'DE-HE': ['de', 'Hessen'], 'DE-MV': ['de', 'Mecklenburg-Vorpommern'], 'DE-NI': ['de', 'Niedersachsen'],
  'DE-NW': ['de', 'Nordrhein-Westfalen'], 'DE-RP': ['de', 'Rheinland-Pfalz'], 'DE-SL': ['de', 'Saarland'],
  'DE-SN': ['de', 'Sachsen'], 'DE-ST': ['de', 'Sachsen-Anhalt'], 'DE-SH': ['de', 'Schleswig-Holstein'],
  'DE-TH': ['de', 'Thüringen'],
  'AT-1': ['at', 'Burgenland'], 'AT-2': ['at', 'Kärnten'], 'AT-3': ['at', 'Niederösterreich'],
  'AT-4': ['at', 'Oberösterreich'], 'AT-5': ['at', 'Salzburg'], 'AT-6': ['at', 'Steiermark'],
  'AT-7': ['at', 'Tirol'], 'AT-8': ['at', 'Vorarlberg'], 'AT-9': ['at', 'Wien'],
  'CH-AG': ['ch', 'Aargau'], 'CH-AR': ['ch', 'Appenzell Ausserrhoden'], 'CH-AI': ['ch', 'Appenzell Innerrhoden'],
  'CH-BL': ['ch', 'Basel-Landschaft'], 'CH-BS': ['ch', 'Basel-Stadt'], 'CH-BE': ['ch', 'Bern'],
  'CH-FR': ['ch', 'Freiburg'], 'CH-GE': ['ch', 'Genf'], 'CH-GL': ['ch', 'Glarus'], 'CH-GR': ['ch', 'Graubünden'],
  'CH-JU': ['ch', 'Jura'], 'CH-LU': ['ch', 'Luzern'], 'CH-NE': ['ch', 'Neuenburg'], 'CH-NW': ['ch', 'Nidwalden'],
  'CH-OW': ['ch', 'Obwalden'], 'CH-SH': ['ch', 'Schaffhausen'], 'CH-SZ': ['ch', 'Schwyz'], 'CH-SO': ['ch', 'Solothurn'],
  'CH-SG': ['ch', 'St. Gallen'], 'CH-TI': ['ch', 'Tessin'], 'CH-TG': ['ch', 'Thurgau'], 'CH-UR': ['ch', 'Uri'],
  'CH-VD': ['ch', 'Waadt'], 'CH-VS': ['ch', 'Wallis'], 'CH-ZG': ['ch', 'Zug'], 'CH-ZH': ['ch', 'Zürich'],
};

const pad = (n) => String(n).padStart(2, '0');

function main() {
  if (process.env.TZ !== 'UTC') throw new Error('run with TZ=UTC (days are walked in UTC)');
  const regions = {};
  // The package reports missing years on the console as well as by throwing.
  const quiet = () => {};
  console.warn = quiet;
  const log = console.error;
  console.error = quiet;
  for (const [code, [country, state]] of Object.entries(STATES)) {
    const holidays = [];
    const years = [];
    let oh;
    try {
      oh = new OpeningHours('SH', { lat: '48', lon: '10', address: { country_code: country, state } }, { mode: 0 });
      oh.getState(new Date(Date.UTC(2026, 0, 1, 12)));
    } catch {
      // No state-wide data (Mecklenburg-Vorpommern has it only per school type).
      regions[code] = { name: state, years, holidays };
      log(`${code} ${state}: no data`);
      continue;
    }
    for (let year = 2015; year <= 2035; year++) {
      let days = 0;
      let missing = false;
      for (let d = new Date(Date.UTC(year, 0, 1, 12)); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86400000)) {
        let open = false;
        let name = null;
        try {
          open = oh.getState(d);
          name = oh.getComment(d) ?? '';
        } catch {
          // The package has no data for this year (it says so by throwing).
          missing = true;
        }
        if (!open) continue;
        days++;
        const date = `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
        const last = holidays[holidays.length - 1];
        const previous = new Date(d.getTime() - 86400000).toISOString().slice(0, 10);
        if (last && last.name === name && last.to === previous) last.to = date;
        else holidays.push({ name, from: date, to: date });
      }
      if (days > 0 && !missing) years.push(year);
    }
    regions[code] = { name: state, years, holidays };
    log(`${code} ${state}: ${holidays.length} ranges, years ${years[0]}..${years[years.length - 1]}`);
  }
  for (const region of Object.values(regions)) region.holidays = region.holidays.map((h) => [h.from, h.to, h.name]);
  const out = { source: `opening_hours@${version} (OpenHolidays data)`, regions };
  const lines = Object.entries(regions).map(([code, r]) => `  ${JSON.stringify(code)}: ${JSON.stringify(r)}`);
  writeFileSync(path.join(here, '../../app/src/domain/school_holidays.json'),
    `{\n "source": ${JSON.stringify(out.source)},\n "regions": {\n${lines.join(',\n')}\n }\n}\n`);
}

main();
