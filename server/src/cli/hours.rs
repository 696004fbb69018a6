//! `nahbar hours …`: check and evaluate OSM `opening_hours` values from the shell.

use super::config::HoursCommand;
use anyhow::{Context, bail};
use app::domain::hours::detail_at;
use app::domain::osm::{export, import_hours};
use app::domain::rules::RuleState;
use app::domain::schedule::{Coordinates, OpeningHours, ResolvedHours};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::json;
use std::time::Instant;

pub fn run(command: HoursCommand) -> anyhow::Result<()> {
    match command {
        HoursCommand::Check { value } => match import_hours(&value, "") {
            Ok(hours) => {
                println!("valid: {}", export(&hours));
                Ok(())
            }
            Err(error) => bail!("{error}"),
        },
        HoursCommand::Eval { value, at, tz, region, lat, lon, json } => {
            let tz = parse_tz(&tz)?;
            let at = parse_local(&at, tz)?;
            let mut hours = import_hours(&value, &region).map_err(|e| anyhow::anyhow!("{e}"))?;
            hours.coordinates = coordinates(lat, lon)?;
            let date = at.with_timezone(&tz).date_naive();
            let missing = hours.school_years_not_covered(date, date + chrono::Duration::days(14));
            let result = evaluate(&hours, tz, at);
            if json {
                println!(
                    "{}",
                    json!({ "open": result.open, "unknown": result.unknown, "open_end": result.open_end,
                            "next_change": result.next_change, "school_holidays_missing": missing })
                );
            } else {
                let state = match (result.open, result.unknown, result.open_end) {
                    (true, _, _) => "open",
                    (_, true, true) => "open (open end)",
                    (_, true, false) => "unknown",
                    _ => "closed",
                };
                match result.next_change {
                    Some(next) => println!("{state}; changes at {next}"),
                    None => println!("{state}; no change within 14 days"),
                }
                for year in missing {
                    println!("note: the school holidays of {region} in {year} are not known yet");
                }
            }
            Ok(())
        }
        HoursCommand::EvalCorpus { corpus, instants, tz, region, lat, lon, bench_seconds } => {
            eval_corpus(&corpus, &instants, &tz, &region, coordinates(lat, lon)?, bench_seconds)
        }
    }
}

fn parse_tz(tz: &str) -> anyhow::Result<Tz> {
    tz.parse().map_err(|_| {
        anyhow::anyhow!("unknown timezone {tz:?} (use an IANA name like Europe/Berlin)")
    })
}

/// A local wall time; a time skipped by DST is refused, an ambiguous one is its first occurrence.
fn parse_local(text: &str, tz: Tz) -> anyhow::Result<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"))
        .with_context(|| format!("{text:?} is not a local date and time like 2026-12-24T10:30"))?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .with_context(|| format!("{text} does not exist in {tz} (skipped by a DST switch)"))
}

fn coordinates(lat: Option<f64>, lon: Option<f64>) -> anyhow::Result<Option<Coordinates>> {
    match (lat, lon) {
        (Some(lat), Some(lon)) if lat.abs() <= 90.0 && lon.abs() <= 180.0 => {
            Ok(Some(Coordinates { lat, lon }))
        }
        (None, None) => Ok(None),
        _ => bail!("give both --lat and --lon, in degrees"),
    }
}

struct Evaluation {
    open: bool,
    unknown: bool,
    open_end: bool,
    /// When open/closed/unknown changes next, as local `YYYY-MM-DDTHH:MM`.
    next_change: Option<String>,
}

fn evaluate(hours: &OpeningHours, tz: Tz, at: DateTime<Utc>) -> Evaluation {
    let resolved = ResolvedHours::around(hours, tz, at);
    let detail = detail_at(&resolved, tz, at);
    Evaluation {
        open: detail.state == RuleState::Open,
        unknown: detail.state == RuleState::Unknown,
        open_end: detail.open_end,
        next_change: detail.next_change.map(|t| t.format("%Y-%m-%dT%H:%M").to_string()),
    }
}

fn eval_corpus(
    corpus: &std::path::Path,
    instants: &std::path::Path,
    tz: &str,
    region: &str,
    coordinates: Option<Coordinates>,
    bench_seconds: Option<f64>,
) -> anyhow::Result<()> {
    let tz = parse_tz(tz)?;
    let corpus = std::fs::read_to_string(corpus).context("reading the corpus")?;
    let instants: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(instants).context("reading the instants")?)
            .context("the instants file must be a JSON array of strings")?;
    let at: Vec<DateTime<Utc>> =
        instants.iter().map(|i| parse_local(i, tz)).collect::<anyhow::Result<_>>()?;
    let values: Vec<&str> =
        corpus.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let parsed: Vec<(&str, Result<OpeningHours, String>)> = values
        .iter()
        .map(|v| {
            let hours = import_hours(v, region).map(|mut h| {
                h.coordinates = coordinates;
                h
            });
            (*v, hours.map_err(|e| e.to_string()))
        })
        .collect();
    if let Some(seconds) = bench_seconds {
        let hours: Vec<&OpeningHours> =
            parsed.iter().filter_map(|(_, h)| h.as_ref().ok()).collect();
        let started = Instant::now();
        let mut evaluations: u64 = 0;
        while started.elapsed().as_secs_f64() < seconds {
            for h in &hours {
                for instant in &at {
                    std::hint::black_box(evaluate(h, tz, *instant));
                    evaluations += 1;
                }
            }
        }
        let elapsed = started.elapsed().as_secs_f64();
        println!(
            "{}",
            json!({ "evaluations": evaluations, "seconds": elapsed, "per_second": evaluations as f64 / elapsed })
        );
        return Ok(());
    }
    let results: Vec<_> = parsed
        .iter()
        .map(|(value, hours)| match hours {
            Ok(hours) => {
                let canonical = export(hours);
                let results: Vec<_> = at
                    .iter()
                    .map(|a| {
                        let r = evaluate(hours, tz, *a);
                        json!({ "open": r.open, "unknown": r.unknown, "next_change": r.next_change })
                    })
                    .collect();
                json!({ "value": value, "ok": true, "error": null, "canonical": canonical,
                        "round_trip": import_hours(&canonical, region).ok().map(|mut h| {
                            h.coordinates = coordinates;
                            h == *hours
                        }) == Some(true),
                        "results": results })
            }
            Err(error) => json!({ "value": value, "ok": false, "error": error, "results": [] }),
        })
        .collect();
    println!(
        "{}",
        json!({ "tz": tz.name(), "region": region, "instants": instants, "values": results })
    );
    Ok(())
}
