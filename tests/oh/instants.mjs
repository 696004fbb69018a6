// Deterministic evaluation instants for the opening_hours differential test.
//
// instants() returns local wall times 'YYYY-MM-DDTHH:MM' in Europe/Berlin,
// spread over 2026, sorted and de-duplicated. No randomness: the list is
// built from fixed dates plus a fixed arithmetic sweep over the year.
//
// Wall times that don't exist or are ambiguous are avoided: 02:00-02:59 on
// 2026-03-29 (spring forward) and on 2026-10-25 (fall back, occurs twice).

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

  return [...new Set(out)].sort();
}

// `node oh/instants.mjs` prints the list (one per line) with its size.
if (import.meta.url === `file://${process.argv[1]}`) {
  const list = instants();
  console.log(list.join('\n'));
  console.error(`${list.length} instants`);
}
