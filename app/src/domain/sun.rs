//! Sunrise, sunset, dawn and dusk at the location, for `sunrise-sunset` and friends.
//!
//! opening_hours.js (the reference of the differential test) takes sun times from
//! suncalc 2, which solves rise and set with Jean Meeus' formulas (Astronomical
//! Algorithms, ch. 15 rising/transit/setting, ch. 25 solar coordinates, ch. 22 obliquity,
//! ΔT from the Espenak & Meeus fits) and truncates to the minute. Nahbar computes the
//! same formulas here. The crates were tried first: `sun` (a port of suncalc 1) and
//! `sunrise` (the `opening-hours` crate's choice) use the older low-precision equation and
//! land one or two minutes away from the reference on many days, which a minute-exact
//! differential test counts as disagreement. The formulas are short and public, so
//! matching the reference exactly was worth 80 lines.

use super::rules::SunEvent;
use chrono::{NaiveDate, NaiveTime, TimeZone, Timelike};
use chrono_tz::Tz;
use std::f64::consts::PI;

const RAD: f64 = PI / 180.0;
const DAY_MS: f64 = 86_400_000.0;
const J1970: f64 = 2_440_588.0;
const J2000: f64 = 2_451_545.0;
const J0: f64 = 0.0009;

/// The sun events of one place, in its time zone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SunTimes {
    pub lat: f64,
    pub lon: f64,
    pub tz: Tz,
}

/// ΔT = TT − UT in seconds (Espenak & Meeus polynomial fits, 1900–2150).
fn delta_t(d: f64) -> f64 {
    let y = 2000.0 + d / 365.2425;
    if y < 1920.0 {
        let t = y - 1900.0;
        return -2.79 + t * (1.494119 + t * (-0.0598939 + t * (0.0061966 - t * 0.000197)));
    }
    if y < 1941.0 {
        let t = y - 1920.0;
        return 21.20 + t * (0.84493 + t * (-0.076100 + t * 0.0020936));
    }
    if y < 1961.0 {
        let t = y - 1950.0;
        return 29.07 + t * (0.407 + t * (-1.0 / 233.0 + t / 2547.0));
    }
    if y < 1986.0 {
        let t = y - 1975.0;
        return 45.45 + t * (1.067 + t * (-1.0 / 260.0 - t / 718.0));
    }
    if y < 2005.0 {
        let t = y - 2000.0;
        return 63.86
            + t * (0.3345
                + t * (-0.060374 + t * (0.0017275 + t * (0.000651814 + t * 0.00002373599))));
    }
    if y < 2050.0 {
        let t = y - 2000.0;
        return 62.92 + t * (0.32217 + t * 0.005589);
    }
    let t = (y - 1820.0) / 100.0;
    -20.0 + 32.0 * t * t - 0.5628 * (2150.0 - y)
}

fn to_tt(d: f64) -> f64 {
    d + delta_t(d) / 86_400.0
}

/// Apparent right ascension and declination of the Sun (Meeus 25.2–25.8), `d` in TT days
/// since J2000.
fn sun_coords(d: f64) -> (f64, f64) {
    let t = d / 36525.0;
    let l0 = RAD * (280.46646 + t * (36000.76983 + t * 0.0003032));
    let m = RAD * (357.52911 + t * (35999.05029 - t * 0.0001537));
    let (sin_m, cos_m) = (m.sin(), m.cos());
    let c = RAD
        * ((1.914602 - t * (0.004817 + t * 0.000014)) * sin_m
            + (0.019993 - 0.000101 * t) * 2.0 * sin_m * cos_m
            + 0.000289 * sin_m * (3.0 - 4.0 * sin_m * sin_m));
    let om = RAD * (125.04 - 1934.136 * t);
    let l = l0 + c - RAD * (0.00569 + 0.00478 * om.sin());
    let e = RAD * (23.439291 - t * (0.0130042 + t * (0.00000016 - t * 0.000000504)))
        + RAD * 0.00256 * om.cos();
    ((e.cos() * l.sin()).atan2(l.cos()), (e.sin() * l.sin()).asin())
}

fn sidereal_time(d: f64, lw: f64) -> f64 {
    RAD * (280.46061837 + 360.98564736629 * d) - lw
}

fn wrap_pi(a: f64) -> f64 {
    a - 2.0 * PI * (a / (2.0 * PI)).round()
}

fn altitude(h: f64, phi: f64, dec: f64) -> f64 {
    (phi.sin() * dec.sin() + phi.cos() * dec.cos() * h.cos()).asin()
}

/// Local solar transit nearest to `dt` (UT days since J2000), refined three times.
fn solar_transit(mut dt: f64, lw: f64) -> f64 {
    for _ in 0..3 {
        let h = wrap_pi(sidereal_time(dt, lw) - sun_coords(to_tt(dt)).0);
        dt -= h / (2.0 * PI);
    }
    dt
}

/// When the Sun reaches altitude `h0` before (`sign` -1) or after (+1) transit `dt`.
fn rise_or_set(h0: f64, dt: f64, sign: f64, lw: f64, phi: f64, dec: f64) -> Option<f64> {
    let cos_h0 = (h0.sin() - phi.sin() * dec.sin()) / (phi.cos() * dec.cos());
    if !(-1.0..=1.0).contains(&cos_h0) {
        return None;
    }
    let mut d = dt + sign * cos_h0.acos() / (2.0 * PI);
    for _ in 0..2 {
        let (ra, dec) = sun_coords(to_tt(d));
        let h = wrap_pi(sidereal_time(d, lw) - ra);
        let alt = altitude(h, phi, dec);
        let sin_h = phi.cos() * dec.cos() * h.sin();
        if sin_h.abs() < 1e-6 {
            break;
        }
        d += (alt - h0) / (2.0 * PI * sin_h);
    }
    Some(d)
}

/// The instant (ms since 1970) of `event` on the solar day nearest to `ms`.
fn event_ms(ms: f64, event: SunEvent, lat: f64, lon: f64) -> Option<i64> {
    let (lw, phi) = (RAD * -lon, RAD * lat);
    let days = ms / DAY_MS - 0.5 + J1970 - J2000;
    let cycle = (days - J0 - lw / (2.0 * PI)).round();
    let dt = solar_transit(cycle + J0 + lw / (2.0 * PI), lw);
    let dec = sun_coords(to_tt(dt)).1;
    let (angle, sign) = match event {
        SunEvent::Dawn => (-6.0, -1.0),
        SunEvent::Sunrise => (-0.833, -1.0),
        SunEvent::Sunset => (-0.833, 1.0),
        SunEvent::Dusk => (-6.0, 1.0),
    };
    let j = rise_or_set(angle * RAD, dt, sign, lw, phi, dec)?;
    // Like a JavaScript Date, drop the fraction of a millisecond.
    Some(((j + J2000 + 0.5 - J1970) * DAY_MS).trunc() as i64)
}

impl SunTimes {
    pub fn new(lat: f64, lon: f64, tz: Tz) -> Option<SunTimes> {
        let valid = lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0;
        valid.then_some(SunTimes { lat, lon, tz })
    }

    /// Minutes after local midnight of `date` at which `event` happens there (truncated to
    /// the minute); `None` when it does not happen that day (polar day or night).
    pub fn minutes(&self, event: SunEvent, date: NaiveDate) -> Option<u16> {
        let noon = self
            .tz
            .from_local_datetime(&date.and_time(NaiveTime::from_hms_opt(12, 0, 0)?))
            .earliest()?
            .timestamp_millis();
        // The solar day nearest to local noon may still be the one before or after far from
        // the zone's meridian: take the one whose event falls on this local date.
        for shift in [0i64, -1, 1] {
            let ms = event_ms((noon + shift * 86_400_000) as f64, event, self.lat, self.lon)?;
            let at = self.tz.timestamp_millis_opt(ms).single()?;
            if at.date_naive() == date {
                return u16::try_from(at.hour() * 60 + at.minute()).ok();
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    #[test]
    fn freiburg_has_late_winter_sunrises_and_long_summer_evenings() {
        let freiburg = SunTimes::new(48.0, 7.85, Berlin).expect("valid");
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        let winter = freiburg.minutes(SunEvent::Sunrise, day(12, 21)).expect("rises");
        let summer = freiburg.minutes(SunEvent::Sunset, day(6, 21)).expect("sets");
        assert!((8 * 60..8 * 60 + 30).contains(&winter), "{winter}");
        assert!((21 * 60 + 15..21 * 60 + 45).contains(&summer), "{summer}");
        let dawn = freiburg.minutes(SunEvent::Dawn, day(6, 21)).expect("dawn");
        let rise = freiburg.minutes(SunEvent::Sunrise, day(6, 21)).expect("rise");
        assert!(dawn < rise);
        assert!(SunTimes::new(91.0, 0.0, Berlin).is_none());
    }
}
