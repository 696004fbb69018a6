// Deterministic evaluation instants for the opening_hours differential test.
//
// instants() returns local wall times 'YYYY-MM-DDTHH:MM' (valid in Europe/Berlin,
// Vienna and Zurich alike: they share the EU DST switches), spread over 2026 and
// 2025-2028 (Easter in different years, Dec 24/31, the leap day 2028-02-29, both DST
// switches of every year, first Saturdays and last Sundays, season starts, ISO week 53,
// summer school holidays), sorted and de-duplicated. No randomness: the list is built
// from fixed dates plus fixed arithmetic sweeps.
//
// Wall times that don't exist or are ambiguous are avoided: 02:00-02:59 on the
// spring-forward and fall-back Sundays.

const pad = (n) => String(n).padStart(2, '0');
const at = (date, hh, mm = 0) => `${date}T${pad(hh)}:${pad(mm)}`;

/** 'YYYY-MM-DD' of 2026-01-01 plus `n` days (pure calendar arithmetic in UTC,
 *  so it doesn't depend on the process time zone). */
function dayOf2026(n) {
  const d = new Date(Date.UTC(2026, 0, 1 + n));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Baden-Württemberg public holidays 2026. */
export const BW_HOLIDAYS_2026 = [
  '2026-01-01', // Neujahr (Thu)
  '2026-01-06', // Heilige Drei Könige (Tue)
  '2026-04-03', // Karfreitag (Fri)
  '2026-04-06', // Ostermontag (Mon)
  '2026-05-01', // Tag der Arbeit (Fri)
  '2026-05-14', // Christi Himmelfahrt (Thu)
  '2026-05-25', // Pfingstmontag (Mon)
  '2026-06-04', // Fronleichnam (Thu)
  '2026-10-03', // Tag der Deutschen Einheit (Sat)
  '2026-11-01', // Allerheiligen (Sun)
  '2026-12-25', // 1. Weihnachtstag (Fri)
  '2026-12-26', // 2. Weihnachtstag (Sat)
];


/** 'YYYY-MM-DD' of a UTC calendar day. */
const ymd = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const utcDay = (y, m, d) => new Date(Date.UTC(y, m - 1, d));
const addDays = (d, n) => new Date(d.getTime() + n * 86400000);

/** Western Easter Sunday (anonymous Gregorian algorithm). */
export function easter(year) {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return utcDay(year, month, day);
}

/** The last Sunday of a month (the EU DST switches are on the last Sundays of March and October). */
function lastSunday(year, month) {
  const last = utcDay(year, month + 1, 0);
  return addDays(last, -last.getUTCDay());
}

function firstWeekday(year, month, weekday) {
  const first = utcDay(year, month, 1);
  return addDays(first, (weekday - first.getUTCDay() + 7) % 7);
}

/** Instants in other years than 2026, and more calendar edges of 2026. */
export function moreInstants() {
  const out = [];
  for (const year of [2025, 2026, 2027, 2028]) {
    const e = easter(year);
    for (const n of [-3, -2, 0, 1, 39, 49, 50, 60]) {
      const day = ymd(addDays(e, n));
      out.push(at(day, 10), at(day, 15));
    }
    for (const day of [`${year}-12-23`, `${year}-12-24`, `${year}-12-31`, `${year}-01-01`, `${year}-01-06`]) {
      out.push(at(day, 9), at(day, 13), at(day, 23, 30));
    }
    for (const month of [3, 10]) {
      const sunday = lastSunday(year, month);
      const day = ymd(sunday);
      for (const [h, m] of [[0, 30], [1, 30], [3, 30], [12, 0], [22, 0]]) out.push(at(day, h, m));
      out.push(at(ymd(addDays(sunday, -1)), 23), at(ymd(addDays(sunday, 1)), 0, 30));
    }
    // Season starts and ends, the Christmas market, the summer break.
    for (const [m, d] of [[3, 31], [4, 1], [5, 15], [9, 15], [9, 16], [9, 30], [10, 1], [11, 25], [11, 24], [8, 1], [8, 31]]) {
      const day = `${year}-${pad(m)}-${pad(d)}`;
      out.push(at(day, 0, 30), at(day, 12));
    }
  }
  // First Saturdays, second Fridays, last and other Sundays of every month of 2026 and 2027.
  for (const year of [2026, 2027]) {
    for (let month = 1; month <= 12; month++) {
      const sat = firstWeekday(year, month, 6);
      out.push(at(ymd(sat), 11));
      out.push(at(ymd(addDays(firstWeekday(year, month, 5), 7)), 14));
      const lastSun = addDays(utcDay(year, month + 1, 0), -utcDay(year, month + 1, 0).getUTCDay());
      out.push(at(ymd(lastSun), 15), at(ymd(addDays(lastSun, month % 2 ? -7 : -14)), 15));
    }
  }
  // The leap day and its neighbours.
  out.push(at('2028-02-28', 23, 30), at('2028-02-29', 10), at('2028-02-29', 19), at('2028-03-01', 0, 30));
  // ISO week 53 of 2026 and the first weeks of 2027.
  for (const day of ['2026-12-28', '2027-01-01', '2027-01-04', '2027-01-08', '2027-01-11']) out.push(at(day, 14));
  // Summer (school holidays differ between the states), every week of 2027 and 2028.
  for (const year of [2027, 2028]) {
    for (let d = utcDay(year, 6, 20); d < utcDay(year, 9, 20); d = addDays(d, 7)) out.push(at(ymd(d), 11));
  }
  // A sweep over 2025, 2027 and 2028: one instant every 23 days, rotating times.
  const times = [[7, 0], [9, 30], [12, 15], [16, 45], [19, 30], [21, 0], [23, 15], [1, 45]];
  let k = 0;
  for (const year of [2025, 2027, 2028]) {
    for (let d = utcDay(year, 1, 3); d.getUTCFullYear() === year; d = addDays(d, 23)) {
      const [h, m] = times[k++ % times.length];
      out.push(at(ymd(d), h, m));
    }
  }
  // Never the 02:xx hour of a DST switch day.
  const switches = new Set([2025, 2026, 2027, 2028].flatMap((y) => [ymd(lastSunday(y, 3)), ymd(lastSunday(y, 10))]));
  return out.filter((s) => !(switches.has(s.slice(0, 10)) && s.slice(11, 13) === '02'));
}

export function instants() {
  const out = [];

  // Every hour of an ordinary Tuesday, plus a few boundary minutes.
  for (let h = 0; h < 24; h++) out.push(at('2026-03-10', h));
  out.push(at('2026-03-10', 7, 59), at('2026-03-10', 12, 30), at('2026-03-10', 17, 59), at('2026-03-10', 23, 59));

  // Friday night into Saturday early morning (overnight ranges), twice.
  for (const [fri, sat] of [['2026-06-12', '2026-06-13'], ['2026-11-20', '2026-11-21']]) {
    for (const [h, m] of [[17, 59], [18, 0], [20, 0], [22, 0], [23, 30], [23, 59]]) out.push(at(fri, h, m));
    for (const [h, m] of [[0, 0], [0, 30], [1, 0], [1, 59], [2, 0], [2, 30], [3, 0], [5, 0], [6, 0], [8, 0]]) out.push(at(sat, h, m));
  }

  // Thursday night into Friday: spill-over that a later `Fr` rule may override.
  out.push(at('2026-06-11', 23, 30), at('2026-06-12', 0, 30), at('2026-06-12', 2, 0), at('2026-06-12', 4, 0));

  // Sunday night into Monday: overnight ranges that wrap the week end.
  for (const [h, m] of [[21, 0], [22, 30], [23, 59]]) out.push(at('2026-06-14', h, m));
  for (const [h, m] of [[0, 0], [1, 30], [4, 0], [9, 0]]) out.push(at('2026-06-15', h, m));

  // DST change days (Sundays); skip the 02:xx hour on both.
  for (const [h, m] of [[0, 0], [1, 0], [1, 30], [1, 59], [3, 0], [3, 30], [4, 0], [10, 0], [12, 0], [18, 0], [22, 0], [23, 30]]) {
    out.push(at('2026-03-29', h, m));
    out.push(at('2026-10-25', h, m));
  }
  // The Saturday evenings before the DST switch, so next_change crosses it.
  out.push(at('2026-03-28', 23, 0), at('2026-10-24', 23, 0));

  // Public holidays, three times each, and the evenings before.
  for (const day of BW_HOLIDAYS_2026) {
    out.push(at(day, 9), at(day, 12, 30), at(day, 16));
  }
  out.push(at('2026-01-01', 0)); // the very first minute of the year
  out.push(at('2026-04-02', 19), at('2026-05-13', 19), at('2026-12-23', 19));

  // Christmas Eve and New Year's Eve (not public holidays, often special hours).
  for (const day of ['2026-12-24', '2026-12-31']) {
    for (const [h, m] of [[8, 0], [10, 0], [11, 30], [13, 59], [15, 0], [19, 0], [23, 59]]) out.push(at(day, h, m));
  }

  // Summer closure 2026-08-03..21 (inside, at both ends, and just outside).
  out.push(at('2026-08-01', 10), at('2026-08-02', 12)); // Sat/Sun before
  for (const day of ['2026-08-03', '2026-08-07', '2026-08-12', '2026-08-15', '2026-08-21']) {
    out.push(at(day, 0), at(day, 10), at(day, 17, 30));
  }
  out.push(at('2026-08-22', 10), at('2026-08-24', 10)); // Sat/Mon after

  // Month and season boundaries.
  out.push(at('2026-03-14', 12), at('2026-03-15', 12), at('2026-03-31', 23, 59), at('2026-04-01', 0),
    at('2026-09-30', 21), at('2026-10-01', 21), at('2026-10-31', 23, 59), at('2026-11-01', 0, 1),
    at('2026-02-28', 12), at('2026-05-15', 12));

  // Sweep: one instant per week, rotating weekday and time of day.
  const times = [[6, 15], [8, 0], [9, 45], [12, 0], [13, 15], [14, 30], [17, 0], [18, 30], [20, 0], [22, 45], [0, 30], [3, 0]];
  for (let w = 0; w < 52; w++) {
    const [h, m] = times[w % times.length];
    out.push(at(dayOf2026(w * 7 + (w % 7)), h, m));
  }

  out.push(...moreInstants());
  return [...new Set(out)].sort();
}

// `node oh/instants.mjs` prints the list (one per line) with its size.
if (import.meta.url === `file://${process.argv[1]}`) {
  const list = instants();
  console.log(list.join('\n'));
  console.error(`${list.length} instants`);
}
