//! Opening hours: weekly intervals evaluated in the location's timezone.
//!
//! The evaluation works on *instants*: every interval of the days around the instant is
//! turned into a UTC period, the periods are merged, and "open now", "next opening" and
//! "next closing" are read off the merged list. Working on instants instead of wall-clock
//! times is what makes the result correct across midnight and across DST switches.
//!
//! Special hours and public holidays come later; they plug in through [`Schedule`], which
//! answers "which intervals apply on this date?".

use super::eval::Piece;
use super::rules::RuleState;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Minutes since local midnight, `0..=1440`; 1440 (24:00) is only valid as a closing time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);
    pub const END_OF_DAY: TimeOfDay = TimeOfDay(1440);

    pub fn from_hm(hour: u16, minute: u16) -> Option<Self> {
        (minute < 60 && (hour < 24 || (hour == 24 && minute == 0)))
            .then_some(TimeOfDay(hour * 60 + minute))
    }

    /// Parses `H:MM`, `HH:MM` or `HH.MM` (people type both in Germany).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let (h, m) = text.split_once(':').or_else(|| text.split_once('.'))?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        Self::from_hm(h.parse().ok()?, m.parse().ok()?)
    }

    pub fn minutes(self) -> u16 {
        self.0
    }

    fn to_naive(self) -> (NaiveTime, bool) {
        if self.0 == 1440 {
            (NaiveTime::MIN, true)
        } else {
            let t = NaiveTime::from_hms_opt(u32::from(self.0 / 60), u32::from(self.0 % 60), 0)
                .unwrap_or(NaiveTime::MIN);
            (t, false)
        }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        TimeOfDay::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("{text} is not a time")))
    }
}

/// One opening interval. When `closes <= opens` the interval runs past midnight into the
/// next day (Friday 18:00–02:00 closes on Saturday at 02:00).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    pub opens: TimeOfDay,
    pub closes: TimeOfDay,
}

impl Interval {
    pub fn new(opens: TimeOfDay, closes: TimeOfDay) -> Self {
        Interval { opens, closes }
    }

    pub fn crosses_midnight(&self) -> bool {
        self.closes <= self.opens
    }

    /// Minutes from the opening day's midnight, the end may exceed 1440.
    fn span(&self) -> (u16, u16) {
        let end = if self.crosses_midnight() { self.closes.0 + 1440 } else { self.closes.0 };
        (self.opens.0, end)
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.opens, self.closes)
    }
}

/// Regular weekly hours; index 0 is Monday. An empty day is a closed day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyHours {
    pub days: [Vec<Interval>; 7],
}

/// Which intervals apply on a given local date. Weekly hours answer by weekday; the full
/// hours ([`super::schedule::ResolvedHours`]) answer with every rule (seasons, holidays,
/// special hours ...) through [`Schedule::pieces_on`].
pub trait Schedule {
    /// The open intervals of `date`; intervals past midnight spill into the next day.
    fn intervals_on(&self, _date: NaiveDate) -> &[Interval] {
        &[]
    }

    /// Whether `date` starts fresh at midnight, ending the previous night's intervals at
    /// 24:00 (as OSM `opening_hours` does on a day a special or holiday rule names).
    fn cuts_carry_over(&self, _date: NaiveDate) -> bool {
        false
    }

    /// The states of `date` in minutes from its midnight (`to` may pass 1440 for a night
    /// that spills into the next day). Derived from [`Schedule::intervals_on`] unless a
    /// schedule knows more (unknown and open-end stretches).
    fn pieces_on(&self, date: NaiveDate, out: &mut Vec<Piece>) {
        out.clear();
        let cut = date.succ_opt().is_some_and(|next| self.cuts_carry_over(next));
        for interval in self.intervals_on(date) {
            let (from, to) = interval.span();
            let to = if cut { to.min(1440) } else { to };
            out.push(Piece { from, to, state: RuleState::Open, open_end: false });
        }
    }
}

impl Schedule for WeeklyHours {
    fn intervals_on(&self, date: NaiveDate) -> &[Interval] {
        self.day(date.weekday())
    }
}

impl WeeklyHours {
    pub fn day(&self, day: Weekday) -> &[Interval] {
        &self.days[day.num_days_from_monday() as usize]
    }

    pub fn is_always_closed(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
    }

    /// Validates raw editor input day by day; all problems are reported, not just the first.
    pub fn parse(input: &[DayInput]) -> Result<WeeklyHours, Vec<HoursError>> {
        let mut errors = Vec::new();
        let mut hours = WeeklyHours::default();
        if input.len() != 7 {
            errors.push(HoursError { day: Weekday::Mon, kind: HoursErrorKind::WrongDayCount });
            return Err(errors);
        }
        for (index, day_input) in input.iter().enumerate() {
            let day = weekday_from_index(index);
            if day_input.closed {
                continue;
            }
            let mut intervals = Vec::new();
            for (opens, closes) in &day_input.intervals {
                if opens.trim().is_empty() && closes.trim().is_empty() {
                    continue;
                }
                let parsed = [opens, closes].map(|text| {
                    let time = TimeOfDay::parse(text);
                    if time.is_none() {
                        let kind = if text.trim().is_empty() {
                            HoursErrorKind::MissingTime
                        } else {
                            HoursErrorKind::NotATime(text.trim().to_string())
                        };
                        errors.push(HoursError { day, kind });
                    }
                    time
                });
                if let [Some(o), Some(c)] = parsed {
                    if o == TimeOfDay::END_OF_DAY {
                        errors.push(HoursError { day, kind: HoursErrorKind::OpensAtEndOfDay });
                    } else if o == c {
                        errors.push(HoursError { day, kind: HoursErrorKind::Empty(o.to_string()) });
                    } else {
                        intervals.push(Interval::new(o, c));
                    }
                }
            }
            intervals.sort_by_key(|i| i.opens);
            for pair in intervals.windows(2) {
                if pair[0].span().1 > pair[1].opens.0 {
                    errors.push(HoursError {
                        day,
                        kind: HoursErrorKind::Overlap(pair[0].to_string(), pair[1].to_string()),
                    });
                }
            }
            hours.days[index] = intervals;
        }
        for index in 0..7 {
            let next = (index + 1) % 7;
            let spill =
                hours.days[index].iter().filter(|i| i.crosses_midnight()).map(|i| i.closes.0).max();
            if let (Some(spill), Some(first)) = (spill, hours.days[next].first())
                && first.opens.0 < spill
            {
                errors.push(HoursError {
                    day: weekday_from_index(next),
                    kind: HoursErrorKind::OverlapsPreviousDay(first.to_string()),
                });
            }
        }
        if errors.is_empty() { Ok(hours) } else { Err(errors) }
    }

    pub fn to_input(&self) -> Vec<DayInput> {
        self.days
            .iter()
            .map(|intervals| DayInput {
                closed: intervals.is_empty(),
                intervals: intervals
                    .iter()
                    .map(|i| (i.opens.to_string(), i.closes.to_string()))
                    .collect(),
            })
            .collect()
    }
}

pub fn weekday_from_index(index: usize) -> Weekday {
    Weekday::try_from((index % 7) as u8).unwrap_or(Weekday::Mon)
}

/// One day as the hours editor sends it: raw strings, validated by [`WeeklyHours::parse`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayInput {
    pub closed: bool,
    pub intervals: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursError {
    #[serde(with = "weekday_serde")]
    pub day: Weekday,
    pub kind: HoursErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HoursErrorKind {
    NotATime(String),
    MissingTime,
    OpensAtEndOfDay,
    Empty(String),
    Overlap(String, String),
    OverlapsPreviousDay(String),
    WrongDayCount,
}

mod weekday_serde {
    use chrono::Weekday;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(day.num_days_from_monday() as u8)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        Ok(super::weekday_from_index(usize::from(u8::deserialize(d)?)))
    }
}

/// Open or closed at an instant, and when that changes next (in the location's timezone).
/// Unknown stretches (`unknown` rules, open ends) count as not open here; see
/// [`detail_at`] for the full answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Status {
    pub open: bool,
    /// Next closing when open, next opening when closed; `None` when it does not change
    /// within the look-ahead (open around the clock, or closed for good).
    pub next_change: Option<DateTime<Tz>>,
}

/// The whole answer at an instant: open, closed or unknown, whether the unknown is an open
/// end ("open from 19:00, open end"), since when, and the next change of state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusDetail {
    pub state: RuleState,
    /// Open with an open end: opened at `since`, the closing time is not known.
    pub open_end: bool,
    /// Start of the current stretch when it began within the look-behind (a day).
    pub since: Option<DateTime<Tz>>,
    /// When `state` changes next (`None`: not within the look-ahead).
    pub next_change: Option<DateTime<Tz>>,
    /// The state from `next_change` on.
    pub next_state: Option<RuleState>,
}

impl From<StatusDetail> for Status {
    fn from(detail: StatusDetail) -> Status {
        Status {
            open: detail.state == RuleState::Open,
            next_change: detail.next_change.filter(|_| {
                (detail.state == RuleState::Open) != (detail.next_state == Some(RuleState::Open))
            }),
        }
    }
}

/// How far ahead next opening / closing is searched.
const LOOKAHEAD_DAYS: i64 = 14;

/// One stretch of the timeline (UTC, half-open) with a state other than closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub state: RuleState,
    pub open_end: bool,
}

/// The open and unknown stretches of the local days `from..=to`, in time order, not
/// overlapping; what is not covered is closed.
pub fn timeline(schedule: &impl Schedule, tz: Tz, from: NaiveDate, to: NaiveDate) -> Vec<Period> {
    let mut periods: Vec<Period> = Vec::new();
    let mut pieces = Vec::new();
    let mut date = from;
    while date <= to {
        schedule.pieces_on(date, &mut pieces);
        for piece in &pieces {
            if piece.state == RuleState::Closed || piece.from >= piece.to {
                continue;
            }
            let start = resolve_local(tz, date, piece.from);
            let end = resolve_local(tz, date, piece.to);
            if end > start {
                periods.push(Period {
                    from: start,
                    to: end,
                    state: piece.state,
                    open_end: piece.open_end,
                });
            }
        }
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    periods.sort_by_key(|p| p.from);
    let mut merged: Vec<Period> = Vec::with_capacity(periods.len());
    for period in periods {
        match merged.last_mut() {
            Some(last)
                if period.from <= last.to
                    && last.state == period.state
                    && last.open_end == period.open_end =>
            {
                last.to = last.to.max(period.to);
            }
            Some(last) if period.from < last.to => {
                // A later day's stretch replaces what an earlier night left there.
                last.to = period.from;
                merged.push(period);
            }
            _ => merged.push(period),
        }
    }
    merged.retain(|p| p.to > p.from);
    merged
}

/// The merged open periods (UTC, half-open) of the local days `from..=to`.
pub fn open_periods(
    schedule: &impl Schedule,
    tz: Tz,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut out: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for p in timeline(schedule, tz, from, to).into_iter().filter(|p| p.state == RuleState::Open) {
        match out.last_mut() {
            Some(last) if p.from <= last.1 => last.1 = last.1.max(p.to),
            _ => out.push((p.from, p.to)),
        }
    }
    out
}

/// State at `at` and the next change, evaluated in `tz`.
pub fn status_at(schedule: &impl Schedule, tz: Tz, at: DateTime<Utc>) -> Status {
    let detail = detail_at(schedule, tz, at);
    if detail.state == RuleState::Open || detail.next_state == Some(RuleState::Open) {
        return detail.into();
    }
    // Closed or unknown now and not open next: look for the next opening.
    let today = at.with_timezone(&tz).date_naive();
    let periods = timeline(schedule, tz, today, today + Duration::days(LOOKAHEAD_DAYS));
    let opens = periods.iter().find(|p| p.state == RuleState::Open && p.from > at);
    Status { open: false, next_change: opens.map(|p| p.from.with_timezone(&tz)) }
}

/// The full state at `at` and its next change. Looks two days ahead first and only then
/// the whole look-ahead: most answers are found in the short window, and every day costs
/// timezone conversions.
pub fn detail_at(schedule: &impl Schedule, tz: Tz, at: DateTime<Utc>) -> StatusDetail {
    let today = at.with_timezone(&tz).date_naive();
    let from = today - Duration::days(1);
    let mut detail = StatusDetail {
        state: RuleState::Closed,
        open_end: false,
        since: None,
        next_change: None,
        next_state: None,
    };
    for ahead in [2, LOOKAHEAD_DAYS] {
        let last = ahead == LOOKAHEAD_DAYS;
        let to = today + Duration::days(ahead);
        let periods = timeline(schedule, tz, from, to);
        // Nothing that starts after the horizon is known yet.
        let horizon = resolve_local(tz, to, 0);
        let current = periods.iter().position(|p| p.from <= at && at < p.to);
        let state = current.map_or(RuleState::Closed, |i| periods[i].state);
        detail.state = state;
        detail.open_end = current.is_some_and(|i| periods[i].open_end);
        detail.since = current.map(|i| {
            let mut start = i;
            while start > 0
                && periods[start - 1].to == periods[start].from
                && periods[start - 1].state == state
            {
                start -= 1;
            }
            periods[start].from.with_timezone(&tz)
        });
        // The next boundary after `at` where the state differs.
        let mut cursor = current.map_or(at, |i| periods[i].to);
        let mut index =
            current.map_or_else(|| periods.iter().position(|p| p.from > at), |i| Some(i + 1));
        let change = loop {
            match index.and_then(|i| periods.get(i).map(|p| (i, p))) {
                Some((i, p)) if current.is_some() && p.from == cursor && p.state == state => {
                    cursor = p.to;
                    index = Some(i + 1);
                }
                Some((_, p)) if current.is_some() && p.from == cursor => {
                    break Some((cursor, p.state));
                }
                Some(_) if current.is_some() => break Some((cursor, RuleState::Closed)),
                Some((_, p)) => break Some((p.from, p.state)),
                None if current.is_some() => break Some((cursor, RuleState::Closed)),
                None => break None,
            }
        };
        match change {
            Some((when, next)) if when < horizon => {
                detail.next_change = Some(when.with_timezone(&tz));
                detail.next_state = Some(next);
                return detail;
            }
            _ if last => return detail,
            _ => {}
        }
    }
    detail
}

/// The instant at which the wall clock in `tz` shows `minutes` after midnight of `date`
/// (minutes may exceed a day). A time skipped by a DST switch resolves to the end of the
/// gap (the clock jumps from 02:00 to 03:00, so "02:30" happens at 03:00); a time that
/// occurs twice resolves to its first occurrence.
pub fn resolve_local(tz: Tz, date: NaiveDate, minutes: u16) -> DateTime<Utc> {
    let extra_days = i64::from(minutes / 1440);
    let date = date + Duration::days(extra_days);
    let (time, _) = TimeOfDay(minutes % 1440).to_naive();
    let mut local = date.and_time(time);
    // DST gaps are at most a few hours; step forward to the first wall time that exists.
    for _ in 0..=(4 * 60) {
        match tz.from_local_datetime(&local) {
            chrono::LocalResult::Single(t) => return t.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
            chrono::LocalResult::None => local += Duration::minutes(1),
        }
    }
    Utc.from_utc_datetime(&local)
}

#[cfg(test)]
#[path = "hours_tests.rs"]
mod tests;
