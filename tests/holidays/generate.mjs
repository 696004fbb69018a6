#!/usr/bin/env node
/**
 * Extracts public-holiday RULES (not dates) for every German state, Austrian state and
 * Swiss canton from the npm `date-holidays` data set into app/src/domain/holiday_rules.json,
 * which the Rust code evaluates for any year.
 *
 *   cd tests && npm install && node holidays/generate.mjs
 *
 * Also writes tests/holidays/expected-<year>.json (2026, 2027): the public holidays of a few
 * regions exactly as date-holidays itself computes them, for a Rust test to compare against.
 *
 * What is extracted
 * -----------------
 * Per region the full list that applies there: national days plus the state's/canton's own,
 * merged, overridden and removed exactly as date-holidays does it (its own `Data` class does
 * the merging). Only type `public` is kept (a day without a type is public); `observance`,
 * `optional`, `school` and `bank` are skipped. Sub-state regions (e.g. DE-BY "Stadt Augsburg",
 * DE-SN "Landkreis Bautzen") are not states and are ignored.
 *
 * Output schema
 * -------------
 * { "source": "date-holidays@<version>",
 *   "regions": { "DE-BW": { "name": "Baden-Württemberg", "holidays": [
 *       { "name_de": "...", "name_en": "...", "rule": { "kind": ..., ... },
 *         "from": 2018,          // optional: first year the holiday applies (inclusive)
 *         "to": 2018,            // optional: last year the holiday applies (inclusive)
 *         "starts_at": "12:00"   // optional: a half day, the holiday starts at this local time
 *       }, ... ] }, ... } }
 * A one-off holiday (e.g. "2017-10-31") is a `fixed` rule with from = to = that year.
 * A holiday active in several separate year ranges appears once per range.
 *
 * Rule kinds (weekdays are ISO numbers: 1 = Monday ... 7 = Sunday)
 * -----------------------------------------------------------------
 * fixed            { month, day }            that date every year.
 * easter           { offset }                Western (Gregorian) Easter Sunday + offset days.
 * weekday_before   { weekday, month, day }   the last `weekday` STRICTLY before month/day
 *                                            (date-holidays "wednesday before 11-23":
 *                                            if 11-23 is itself a Wednesday, it is 11-16).
 * nth_weekday_after { n, weekday, month, day, offset }
 *                                            the n-th `weekday` ON OR AFTER month/day, then
 *                                            + offset days. This mirrors date-holidays'
 *                                            "<n>th <weekday> after MM-DD" (and "in <Month>",
 *                                            which it treats as "after <Month>-01"): if
 *                                            month/day is that weekday it counts as the 1st.
 *                                            "3rd sunday after 09-01" = 3rd Sunday in
 *                                            September. A chained "monday after 3rd sunday in
 *                                            September" is the same rule with offset 1
 *                                            (a weekday "after" a known weekday is a fixed
 *                                            distance; on the same weekday it is distance 0).
 * Kinds added because the DE/AT/CH public holidays need them:
 * fixed_on_weekdays { month, day, weekdays } that date, but only in years when it falls on
 *                                            one of `weekdays` (ISO numbers). From
 *                                            date-holidays' "12-26 not on monday, friday"
 *                                            (stored as the allowed set [2,3,4,6,7]) and
 *                                            "12-26 on monday" ([1]). Used by CH-UR, CH-AR,
 *                                            CH-AI (St. Stephen's Day) and CH-NE (2 January
 *                                            and St. Stephen's Day only when on a Monday).
 * nth_weekday_after_avoiding_easter { n, weekday, month, day, offset, avoid_easter_offsets, shift_days }
 *                                            computed like nth_weekday_after; if that date is
 *                                            Easter Sunday + one of `avoid_easter_offsets`,
 *                                            add `shift_days`. From CH-GL's Näfelser Fahrt
 *                                            "Thursday after 04-02 if is observance holiday then
 *                                            next Thursday": the only observance day in CH-GL
 *                                            that can fall on such a Thursday is Maundy Thursday
 *                                            (Easter - 3), so: avoid [-3], shift 7. The generator
 *                                            derives the offsets from the region's easter-based
 *                                            days of the triggering type and then checks the
 *                                            result against date-holidays for many years.
 *
 * Half days: date-holidays marks a few public holidays as starting at noon ("05-01 12:00" in
 * CH-SO and CH-VS, "12-24 12:00" in CH-VS). They stay whole-date rules; `starts_at` records the
 * start time for code that cares.
 *
 * Names: name_de is the German name, preferring the country's variant (de-at for Austria,
 * de-ch for Switzerland), then the region's own languages (French/Italian for some cantons),
 * then English; name_en is the English name, falling back to name_de. This is the same
 * language order date-holidays uses when asked for German names, so expected-*.json matches.
 *
 * Safety net: before writing anything, every rule is evaluated here (the same way the Rust
 * code must evaluate it) for every year 1970..2200 and every region, and compared with
 * date-holidays' own getHolidays() public days (date + German name). Any difference, or any
 * rule construct not listed above, aborts the generator with an error.
 */

import { createRequire } from 'node:module'
import { pathToFileURL, fileURLToPath } from 'node:url'
import path from 'node:path'
import fs from 'node:fs'
import Holidays from 'date-holidays'
import { data } from 'date-holidays/data'

const here = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const dhPkgPath = require.resolve('date-holidays/package.json')
const dhVersion = JSON.parse(fs.readFileSync(dhPkgPath, 'utf8')).version
// date-holidays' own merge (Data) and rule tokenizer (Parser), from the parser it depends on.
const parserDir = path.dirname(createRequire(dhPkgPath).resolve('date-holidays-parser/package.json'))
const { default: Data } = await import(pathToFileURL(path.join(parserDir, 'src/Data.js')))
const { default: Parser } = await import(pathToFileURL(path.join(parserDir, 'src/Parser.js')))

const OUT_RULES = path.resolve(here, '../../app/src/domain/holiday_rules.json')
const SOURCE = `date-holidays@${dhVersion}`

const REGIONS = [
  'DE-BW', 'DE-BY', 'DE-BE', 'DE-BB', 'DE-HB', 'DE-HH', 'DE-HE', 'DE-MV',
  'DE-NI', 'DE-NW', 'DE-RP', 'DE-SL', 'DE-SN', 'DE-ST', 'DE-SH', 'DE-TH',
  'AT-1', 'AT-2', 'AT-3', 'AT-4', 'AT-5', 'AT-6', 'AT-7', 'AT-8', 'AT-9',
  'CH-AG', 'CH-AI', 'CH-AR', 'CH-BE', 'CH-BL', 'CH-BS', 'CH-FR', 'CH-GE', 'CH-GL',
  'CH-GR', 'CH-JU', 'CH-LU', 'CH-NE', 'CH-NW', 'CH-OW', 'CH-SG', 'CH-SH', 'CH-SO',
  'CH-SZ', 'CH-TG', 'CH-TI', 'CH-UR', 'CH-VD', 'CH-VS', 'CH-ZG', 'CH-ZH'
]
const EXPECTED_REGIONS = ['DE-BW', 'DE-BY', 'DE-BE', 'DE-SN', 'AT-9', 'AT-2', 'CH-ZH', 'CH-GE', 'CH-TI', 'CH-VD']
const EXPECTED_YEARS = [2026, 2027]
const CHECK_YEARS = [1970, 2200]

// German first, in the country's own variant.
const GERMAN = { DE: ['de'], AT: ['de-at', 'de'], CH: ['de-ch', 'de'] }
// date-holidays weekday names -> ISO numbers.
const ISO = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 }

const fail = (msg) => { throw new Error(msg) }

// ---------------------------------------------------------------------------------------
// Rule evaluation, exactly as the Rust code has to do it (dates as UTC midnight).

function easterSunday (year) { // anonymous Gregorian algorithm (Meeus/Jones/Butcher)
  const a = year % 19; const b = Math.floor(year / 100); const c = year % 100
  const d = Math.floor(b / 4); const e = b % 4; const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3); const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4); const k = c % 4; const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31); const day = ((h + l - 7 * m + 114) % 31) + 1
  return Date.UTC(year, month - 1, day)
}
const DAY = 86400000
const isoWeekday = (t) => ((new Date(t).getUTCDay() + 6) % 7) + 1
const ymd = (t) => new Date(t).toISOString().slice(0, 10)

function nthWeekdayAfter (year, { n, weekday, month, day, offset }) {
  const anchor = Date.UTC(year, month - 1, day)
  const first = anchor + (((weekday - isoWeekday(anchor)) % 7 + 7) % 7) * DAY
  return first + ((n - 1) * 7 + offset) * DAY
}

function evaluate (rule, year) { // -> UTC ms or null
  switch (rule.kind) {
    case 'fixed': return Date.UTC(year, rule.month - 1, rule.day)
    case 'easter': return easterSunday(year) + rule.offset * DAY
    case 'weekday_before': {
      const anchor = Date.UTC(year, rule.month - 1, rule.day)
      const back = ((isoWeekday(anchor) - rule.weekday) % 7 + 7) % 7
      return anchor - (back === 0 ? 7 : back) * DAY
    }
    case 'nth_weekday_after': return nthWeekdayAfter(year, rule)
    case 'fixed_on_weekdays': {
      const t = Date.UTC(year, rule.month - 1, rule.day)
      return rule.weekdays.includes(isoWeekday(t)) ? t : null
    }
    case 'nth_weekday_after_avoiding_easter': {
      const t = nthWeekdayAfter(year, rule)
      const easter = easterSunday(year)
      return rule.avoid_easter_offsets.some((o) => easter + o * DAY === t) ? t + rule.shift_days * DAY : t
    }
    default: fail(`unknown rule kind ${rule.kind}`)
  }
}

function holidaysIn (region, year) { // -> sorted unique ["YYYY-MM-DD|name_de"]
  const out = new Set()
  for (const h of region.holidays) {
    if ((h.from !== undefined && year < h.from) || (h.to !== undefined && year > h.to)) continue
    const t = evaluate(h.rule, year)
    if (t !== null) out.add(`${ymd(t)}|${h.name_de}`)
  }
  return [...out].sort()
}

// ---------------------------------------------------------------------------------------
// Conversion of one date-holidays rule string into our rule (+ year limits, start time).

function yearOf (value, what, ruleStr) { // date-holidays' toDate(): "YYYY[-MM[-DD]]" or a number
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(value))
  if (!m) fail(`${ruleStr}: cannot read ${what} ${value}`)
  if ((m[2] && +m[2] !== 1) || (m[3] && +m[3] !== 1)) fail(`${ruleStr}: ${what} ${value} is not a 1 January`)
  return +m[1]
}

function convert (ruleStr, regionRules, code) {
  const parser = new Parser()
  const tokens = parser.parse(ruleStr)
  if (parser.error || !tokens.length) fail(`${code}: cannot parse "${ruleStr}"`)
  const [base, ...rest] = tokens
  let rule; let from; let to; let startsAt
  let knownWeekday // ISO weekday of the result so far, when it is always the same
  if (base.fn === 'gregorian') {
    rule = { kind: 'fixed', month: base.month, day: base.day }
    if (base.year !== undefined) { from = base.year; to = base.year }
  } else if (base.fn === 'easter' && base.type === 'easter') {
    rule = { kind: 'easter', offset: base.offset }
    knownWeekday = ((6 + base.offset) % 7 + 7) % 7 + 1
  } else {
    fail(`${code}: unsupported date function in "${ruleStr}"`)
  }
  for (const tok of rest) {
    if (tok.rule === 'dateDir') {
      const w = ISO[tok.weekday] ?? fail(`${code}: unsupported weekday "${tok.weekday}" in "${ruleStr}"`)
      const n = tok.count
      if (knownWeekday !== undefined && (tok.direction === 'after' || tok.direction === 'before')) {
        // the result so far always falls on knownWeekday: the step is a constant number of days
        const delta = tok.direction === 'after'
          ? ((w - knownWeekday + 7) % 7) + (n - 1) * 7
          : -((((knownWeekday - w + 7) % 7) || 7) + (n - 1) * 7)
        if (rule.kind === 'easter') rule.offset += delta
        else if (rule.kind === 'nth_weekday_after') rule.offset += delta
        else fail(`${code}: cannot chain "${ruleStr}"`)
      } else if (rule.kind === 'fixed' && tok.direction === 'after') {
        rule = { kind: 'nth_weekday_after', n, weekday: w, month: rule.month, day: rule.day, offset: 0 }
      } else if (rule.kind === 'fixed' && tok.direction === 'before' && n === 1) {
        rule = { kind: 'weekday_before', weekday: w, month: rule.month, day: rule.day }
      } else {
        fail(`${code}: unsupported "${n} ${tok.weekday} ${tok.direction}" in "${ruleStr}"`)
      }
      knownWeekday = w
    } else if (tok.rule === 'weekday') {
      if (rule.kind !== 'fixed') fail(`${code}: weekday condition on a moving date in "${ruleStr}"`)
      const listed = tok.if.map((d) => ISO[d] ?? fail(`${code}: bad weekday ${d} in "${ruleStr}"`))
      const weekdays = [1, 2, 3, 4, 5, 6, 7].filter((d) => listed.includes(d) !== tok.not)
      rule = { kind: 'fixed_on_weekdays', month: rule.month, day: rule.day, weekdays }
    } else if (tok.rule === 'ruleIfHoliday') {
      const w = ISO[tok.weekday]
      if (tok.direction !== 'next' || tok.count !== 1 || tok.omit.length || w === undefined ||
          w !== knownWeekday || rule.kind !== 'nth_weekday_after') {
        fail(`${code}: unsupported "if is holiday" form in "${ruleStr}"`)
      }
      // Days of the triggering type that move with Easter; others are caught by the check.
      const offsets = []
      for (const [otherStr, other] of Object.entries(regionRules)) {
        if (otherStr === ruleStr || other.type !== (tok.type || 'public')) continue
        const t = new Parser().parse(otherStr)
        if (t.length && t[0].fn === 'easter' && t[0].type === 'easter' &&
            t.slice(1).every((x) => x.rule === 'time' || x.rule === 'duration')) offsets.push(t[0].offset)
      }
      const { n, weekday, month, day, offset } = rule
      rule = { kind: 'nth_weekday_after_avoiding_easter', n, weekday, month, day, offset, avoid_easter_offsets: offsets.sort((a, b) => a - b), shift_days: 7 }
    } else if (tok.rule === 'time') {
      startsAt = `${String(tok.hour).padStart(2, '0')}:${String(tok.minute).padStart(2, '0')}`
    } else if (tok.rule === 'activeFrom') {
      if (tok.month !== 1 || tok.day !== 1) fail(`${code}: "since" not on 1 January in "${ruleStr}"`)
      from = Math.max(from ?? -Infinity, tok.year)
    } else if (tok.rule === 'activeTo') {
      if (tok.month !== 1 || tok.day !== 1) fail(`${code}: "prior to" not on 1 January in "${ruleStr}"`)
      to = Math.min(to ?? Infinity, tok.year - 1)
    } else {
      fail(`${code}: unsupported part ${JSON.stringify(tok)} in "${ruleStr}"`)
    }
  }
  return { rule, from, to, startsAt }
}

// ---------------------------------------------------------------------------------------

function pickName (names, langs) {
  for (const l of langs) if (names?.[l]) return names[l]
}

const regions = {}
const hdByCode = {}
const dataStates = new Set()
for (const country of ['DE', 'AT', 'CH']) {
  for (const s of Object.keys(data.holidays[country].states)) dataStates.add(`${country}-${s}`)
}
const missing = REGIONS.filter((c) => !dataStates.has(c))
if (missing.length) fail(`not in date-holidays: ${missing.join(', ')}`)
const extra = [...dataStates].filter((c) => !REGIONS.includes(c))
if (extra.length) console.warn(`note: date-holidays has states not extracted: ${extra.join(', ')}`)

for (const code of REGIONS) {
  const [country, state] = code.split('-')
  const stateData = data.holidays[country].states[state]
  const hd = new Holidays(country, state, { languages: GERMAN[country] })
  hdByCode[code] = hd
  const langs = hd.getLanguages() // German variant(s), region languages, 'en'
  const rules = new Data(data, country, state).getRules() // merged exactly like date-holidays
  const holidays = []
  for (const [ruleStr, opts] of Object.entries(rules)) {
    if (opts.type !== 'public') continue
    for (const key of ['disable', 'enable', 'substitute']) {
      if (opts[key]) fail(`${code}: "${ruleStr}" uses unsupported "${key}"`)
    }
    const nameDe = pickName(opts.name, langs) ?? fail(`${code}: "${ruleStr}" has no name`)
    const nameEn = opts.name.en ?? nameDe
    const { rule, from, to, startsAt } = convert(ruleStr, rules, code)
    const ranges = opts.active
      ? opts.active.map((a) => ({
        from: a.from !== undefined ? yearOf(a.from, 'active.from', ruleStr) : undefined,
        to: a.to !== undefined ? yearOf(a.to, 'active.to', ruleStr) - 1 : undefined
      }))
      : [{}]
    for (const r of ranges) {
      const f = [from, r.from].filter((v) => v !== undefined)
      const t = [to, r.to].filter((v) => v !== undefined)
      const h = { name_de: nameDe, name_en: nameEn, rule }
      if (f.length) h.from = Math.max(...f)
      if (t.length) h.to = Math.min(...t)
      if (startsAt) h.starts_at = startsAt
      if (h.from !== undefined && h.to !== undefined && h.from > h.to) continue
      holidays.push(h)
    }
  }
  // Drop one-off days that another rule already gives on the same date under the same name
  // (DE: Reformationstag 2017 nationwide, where the state has it every year anyway).
  const kept = holidays.filter((h, i) => {
    if (h.from === undefined || h.from !== h.to) return true
    const t = evaluate(h.rule, h.from)
    return !holidays.some((o, j) => j !== i && o.name_de === h.name_de && !(o.from === o.to && o.from !== undefined) &&
      (o.from === undefined || o.from <= h.from) && (o.to === undefined || o.to >= h.from) &&
      evaluate(o.rule, h.from) === t)
  })
  // Calendar order (one-offs in their own year, the rest as in 2026).
  const sortKey = (h) => {
    const t = evaluate(h.rule, h.from ?? 2026) ?? evaluate({ ...h.rule, kind: 'fixed' }, 2026)
    return ymd(t).slice(5) + (h.from ?? 0)
  }
  kept.sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
  if (!kept.length) fail(`${code}: no public holidays`)
  regions[code] = { name: stateData.names?.de ?? stateData.name ?? fail(`${code}: no name`), holidays: kept }
}

// ---------------------------------------------------------------------------------------
// Check every region and year against date-holidays itself.

const dhPublic = (code, year) => hdByCode[code].getHolidays(year)
  .filter((h) => h.type === 'public')
  .map((h) => `${h.date.slice(0, 10)}|${h.name}`)

let checks = 0
const collisions = new Map() // "name + name" -> { regions, years }: two holidays on one date
for (const code of REGIONS) {
  for (let year = CHECK_YEARS[0]; year <= CHECK_YEARS[1]; year++) {
    const want = [...new Set(dhPublic(code, year))].sort()
    const got = holidaysIn(regions[code], year)
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      fail(`${code} ${year} differs from date-holidays:\n  date-holidays: ${want.join(', ')}\n  rules:         ${got.join(', ')}`)
    }
    const dates = got.map((s) => s.slice(0, 10))
    for (const d of dates.filter((d, i) => dates.indexOf(d) !== i)) {
      const k = got.filter((s) => s.startsWith(d)).map((s) => s.slice(11)).join(' + ')
      const c = collisions.get(k) ?? { regions: new Set(), years: new Set() }
      c.regions.add(code); c.years.add(year)
      collisions.set(k, c)
    }
    checks++
  }
}

// ---------------------------------------------------------------------------------------
// Write.

const regionLines = REGIONS.map((code) => `    ${JSON.stringify(code)}: ${JSON.stringify(regions[code])}`)
const rulesJson = `{\n  "source": ${JSON.stringify(SOURCE)},\n  "regions": {\n${regionLines.join(',\n')}\n  }\n}\n`
JSON.parse(rulesJson) // sanity
fs.writeFileSync(OUT_RULES, rulesJson)

const expectedFiles = []
for (const year of EXPECTED_YEARS) {
  const lines = EXPECTED_REGIONS.map((code) => {
    const list = [...new Set(dhPublic(code, year))].sort().map((s) => ({ date: s.slice(0, 10), name_de: s.slice(11) }))
    return `    ${JSON.stringify(code)}: ${JSON.stringify(list)}`
  })
  const file = path.join(here, `expected-${year}.json`)
  fs.writeFileSync(file, `{\n  "source": ${JSON.stringify(SOURCE)},\n  "year": ${year},\n  "regions": {\n${lines.join(',\n')}\n  }\n}\n`)
  JSON.parse(fs.readFileSync(file, 'utf8'))
  expectedFiles.push(file)
}

// ---------------------------------------------------------------------------------------
// Summary.

const parsed = JSON.parse(fs.readFileSync(OUT_RULES, 'utf8'))
const absent = REGIONS.filter((c) => !parsed.regions[c]?.holidays?.length)
if (absent.length) fail(`missing or empty: ${absent.join(', ')}`)
const counts = REGIONS.map((c) => [c, parsed.regions[c].holidays.length])
const per2026 = REGIONS.map((c) => [c, holidaysIn(parsed.regions[c], 2026).length])
const minmax = (arr) => {
  const lo = Math.min(...arr.map(([, n]) => n)); const hi = Math.max(...arr.map(([, n]) => n))
  return `${lo} (${arr.filter(([, n]) => n === lo).map(([c]) => c).join(' ')}) .. ${hi} (${arr.filter(([, n]) => n === hi).map(([c]) => c).join(' ')})`
}
const kinds = {}
for (const c of REGIONS) for (const h of parsed.regions[c].holidays) kinds[h.rule.kind] = (kinds[h.rule.kind] ?? 0) + 1
const rel = (f) => path.relative(path.resolve(here, '../..'), f)
console.log(`source: ${SOURCE} (data ${data.version})`)
console.log(`wrote ${rel(OUT_RULES)}: ${fs.statSync(OUT_RULES).size} bytes, ${REGIONS.length} regions`)
for (const f of expectedFiles) console.log(`wrote ${rel(f)}: ${fs.statSync(f).size} bytes`)
console.log(`rules per region: ${minmax(counts)}`)
console.log(`public holidays in 2026 per region: ${minmax(per2026)}`)
console.log(`rule kinds: ${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ')}`)
console.log(`checked ${checks} region-years (${CHECK_YEARS.join('..')}) against date-holidays: all equal`)
for (const [k, { regions: rs, years }] of collisions) {
  console.log(`note: ${k} fall on one date in ${[...years].join(', ')} (${rs.size} regions: ${[...rs].join(' ')})`)
}
