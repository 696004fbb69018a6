//! `nahbar nearby-bench` (hidden; run by `make bench`): Nahbar's nearby index against
//! PostGIS on the same synthetic POIs, side by side in one run. Both answer k = 20 nearest
//! and "within 2 km" for the same query points, one query at a time on one core: Nahbar in
//! process, PostGIS over a loopback connection with prepared statements on a GiST index
//! over `geography` (true distances, like Nahbar's).

use anyhow::Context;
use app::domain::location::GeoPoint;
use app::domain::nearby::SpatialIndex;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::{Connection, Executor, PgConnection, Row};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Synthetic POIs spread over Europe (clustered around towns, like real shops).
    #[arg(long, default_value_t = 1_000_000)]
    pub points: usize,
    /// Queries per kind (k nearest, radius).
    #[arg(long, default_value_t = 20_000)]
    pub queries: usize,
    /// A PostgreSQL server with PostGIS available (`CREATE EXTENSION postgis`); a database
    /// `nahbar_bench` is (re)created there. Without it only Nahbar is measured.
    #[arg(long, env = "NAHBAR_BENCH_POSTGIS_URL")]
    pub postgis_url: Option<String>,
    #[arg(long, default_value_t = 20)]
    pub k: usize,
    #[arg(long, default_value_t = 2_000.0)]
    pub radius_m: f64,
}

/// Europe, roughly: Lisbon to Helsinki, Sicily to Trondheim.
fn synthetic_points(n: usize, rng: &mut StdRng) -> Vec<GeoPoint> {
    let towns: Vec<(f64, f64)> =
        (0..2_000).map(|_| (rng.gen_range(36.0..64.0), rng.gen_range(-9.5..30.0))).collect();
    (0..n)
        .map(|i| {
            let (lat, lon) = if i % 4 == 0 {
                (rng.gen_range(36.0..64.0), rng.gen_range(-9.5..30.0))
            } else {
                let (lat, lon) = towns[rng.gen_range(0..towns.len())];
                // About ±10 km around the town centre.
                (lat + rng.gen_range(-0.09..0.09), lon + rng.gen_range(-0.13..0.13))
            };
            GeoPoint { lat, lon }
        })
        .collect()
}

struct Figures {
    p50: Duration,
    p99: Duration,
    per_second: f64,
    mean_results: f64,
}

fn figures(mut latencies: Vec<Duration>, total: Duration, results: usize) -> Figures {
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    Figures {
        p50: at(0.5),
        p99: at(0.99),
        per_second: latencies.len() as f64 / total.as_secs_f64(),
        mean_results: results as f64 / latencies.len() as f64,
    }
}

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn print_row(what: &str, nahbar: &Figures, postgis: Option<&Figures>) {
    println!(
        "{what:<14} Nahbar   p50 {:>9}  p99 {:>9}  {:>10.0} q/s  ({:.1} results/query)",
        micros(nahbar.p50),
        micros(nahbar.p99),
        nahbar.per_second,
        nahbar.mean_results
    );
    if let Some(pg) = postgis {
        println!(
            "{:<14} PostGIS  p50 {:>9}  p99 {:>9}  {:>10.0} q/s  ({:.1} results/query)",
            "",
            micros(pg.p50),
            micros(pg.p99),
            pg.per_second,
            pg.mean_results
        );
        println!(
            "{:<14} ratio    Nahbar/PostGIS throughput {:.1}×",
            "",
            nahbar.per_second / pg.per_second
        );
    }
}

fn time_queries(
    queries: &[GeoPoint],
    mut run: impl FnMut(GeoPoint) -> usize,
) -> (Vec<Duration>, Duration, usize) {
    let mut latencies = Vec::with_capacity(queries.len());
    let mut results = 0;
    let started = Instant::now();
    for query in queries {
        let t = Instant::now();
        results += run(*query);
        latencies.push(t.elapsed());
    }
    (latencies, started.elapsed(), results)
}

pub async fn run(args: BenchArgs) -> anyhow::Result<()> {
    if args.points == 0 || args.queries == 0 {
        anyhow::bail!("--points and --queries must be above 0");
    }
    let mut rng = StdRng::seed_from_u64(20261125);
    let points = synthetic_points(args.points, &mut rng);
    // Query near real data: a random POI moved by up to ~1 km.
    let queries: Vec<GeoPoint> = (0..args.queries)
        .map(|_| {
            let p = points[rng.gen_range(0..points.len())];
            GeoPoint {
                lat: p.lat + rng.gen_range(-0.009..0.009),
                lon: p.lon + rng.gen_range(-0.013..0.013),
            }
        })
        .collect();
    println!(
        "nearby benchmark: {} synthetic POIs over Europe, {} queries each, k = {}, radius {} m, one core",
        args.points, args.queries, args.k, args.radius_m
    );

    let started = Instant::now();
    let index = SpatialIndex::new(points.clone());
    let nahbar_build = started.elapsed();
    let (lat, total, n) =
        time_queries(&queries, |q| index.nearest(q, args.k, None, |_| true).len());
    let nahbar_knn = figures(lat, total, n);
    let (lat, total, n) =
        time_queries(&queries, |q| index.within(q, args.radius_m, |_| true).len());
    let nahbar_radius = figures(lat, total, n);

    let postgis = match &args.postgis_url {
        Some(url) => Some(postgis(url, &points, &queries, &args, &index).await?),
        None => None,
    };
    println!();
    println!(
        "{:<14} Nahbar   {:.2} s (R*-tree bulk load, in memory)",
        "index build",
        nahbar_build.as_secs_f64()
    );
    if let Some(pg) = &postgis {
        println!(
            "{:<14} PostGIS  {:.2} s (COPY {:.2} s + GiST index {:.2} s)",
            "",
            (pg.load + pg.index).as_secs_f64(),
            pg.load.as_secs_f64(),
            pg.index.as_secs_f64()
        );
    }
    print_row(&format!("k = {}", args.k), &nahbar_knn, postgis.as_ref().map(|p| &p.knn));
    print_row(
        &format!("radius {} m", args.radius_m),
        &nahbar_radius,
        postgis.as_ref().map(|p| &p.radius),
    );
    if let Some(pg) = &postgis {
        println!(
            "agreement      {} of {} sampled k-nearest answers name the same POIs in both",
            pg.agreeing, pg.sampled
        );
        println!(
            "PostGIS k = {} inside the server alone (EXPLAIN ANALYZE, planning + execution): p50 {}",
            args.k,
            micros(pg.server_side_knn_p50)
        );
    }
    Ok(())
}

struct PostgisFigures {
    load: Duration,
    index: Duration,
    knn: Figures,
    radius: Figures,
    agreeing: usize,
    sampled: usize,
    /// Planning + execution inside PostgreSQL (EXPLAIN ANALYZE), without the round trip.
    server_side_knn_p50: Duration,
}

async fn postgis(
    url: &str,
    points: &[GeoPoint],
    queries: &[GeoPoint],
    args: &BenchArgs,
    index: &SpatialIndex<GeoPoint>,
) -> anyhow::Result<PostgisFigures> {
    let mut admin = PgConnection::connect(url).await.context("connecting to PostgreSQL")?;
    admin.execute("DROP DATABASE IF EXISTS nahbar_bench WITH (FORCE)").await?;
    admin.execute("CREATE DATABASE nahbar_bench").await?;
    let base = url.rsplit_once('/').map_or(url, |(b, _)| b);
    let mut db = PgConnection::connect(&format!("{base}/nahbar_bench")).await?;
    db.execute("CREATE EXTENSION postgis")
        .await
        .context("PostGIS is not installed on this server (.ci/postgis.sh installs it)")?;
    db.execute("CREATE TABLE pois (id INTEGER PRIMARY KEY, geom geography(Point, 4326) NOT NULL)")
        .await?;
    let started = Instant::now();
    let mut copy = db.copy_in_raw("COPY pois (id, geom) FROM STDIN").await?;
    let mut chunk = String::with_capacity(1 << 20);
    for (id, p) in points.iter().enumerate() {
        chunk.push_str(&format!("{id}\tSRID=4326;POINT({} {})\n", p.lon, p.lat));
        if chunk.len() > (1 << 20) - 100 {
            copy.send(chunk.as_bytes()).await?;
            chunk.clear();
        }
    }
    copy.send(chunk.as_bytes()).await?;
    copy.finish().await?;
    let load = started.elapsed();
    let started = Instant::now();
    db.execute("CREATE INDEX pois_geom ON pois USING GIST (geom)").await?;
    db.execute("ANALYZE pois").await?;
    let index_time = started.elapsed();

    let knn_sql = "SELECT id FROM pois ORDER BY geom <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography \
                   LIMIT $3";
    let radius_sql = "SELECT id FROM pois \
                      WHERE ST_DWithin(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3, false)";
    // Warm up both statements (prepared and cached by sqlx) and the buffer cache.
    for q in queries.iter().take(500) {
        sqlx::query(knn_sql).bind(q.lon).bind(q.lat).bind(args.k as i64).fetch_all(&mut db).await?;
        sqlx::query(radius_sql)
            .bind(q.lon)
            .bind(q.lat)
            .bind(args.radius_m)
            .fetch_all(&mut db)
            .await?;
    }
    let mut latencies = Vec::with_capacity(queries.len());
    let (mut results, mut agreeing, mut sampled) = (0, 0, 0);
    let started = Instant::now();
    for (n, q) in queries.iter().enumerate() {
        let t = Instant::now();
        let rows = sqlx::query(knn_sql)
            .bind(q.lon)
            .bind(q.lat)
            .bind(args.k as i64)
            .fetch_all(&mut db)
            .await?;
        latencies.push(t.elapsed());
        results += rows.len();
        if n % 100 == 0 {
            // Same answer? Compare the sets of points (ties at the k-th place aside).
            let mut theirs: Vec<(i64, i64)> = rows
                .iter()
                .map(|r| {
                    let p = points[r.get::<i32, _>(0) as usize];
                    ((p.lat * 1e7) as i64, (p.lon * 1e7) as i64)
                })
                .collect();
            let mut ours: Vec<(i64, i64)> = index
                .nearest(*q, args.k, None, |_| true)
                .iter()
                .map(|h| ((h.item.lat * 1e7) as i64, (h.item.lon * 1e7) as i64))
                .collect();
            theirs.sort_unstable();
            ours.sort_unstable();
            sampled += 1;
            agreeing += usize::from(theirs == ours);
        }
    }
    let knn = figures(latencies, started.elapsed(), results);
    let mut latencies = Vec::with_capacity(queries.len());
    let mut results = 0;
    let started = Instant::now();
    for q in queries {
        let t = Instant::now();
        let rows = sqlx::query(radius_sql)
            .bind(q.lon)
            .bind(q.lat)
            .bind(args.radius_m)
            .fetch_all(&mut db)
            .await?;
        latencies.push(t.elapsed());
        results += rows.len();
    }
    let radius = figures(latencies, started.elapsed(), results);
    // How much of PostGIS's time is the query itself rather than the round trip.
    let mut executions = Vec::new();
    for q in queries.iter().take(200) {
        let plan: serde_json::Value = sqlx::query_scalar(&format!(
            "EXPLAIN (ANALYZE, FORMAT JSON) {}",
            knn_sql
                .replace("$1", &q.lon.to_string())
                .replace("$2", &q.lat.to_string())
                .replace("$3", &args.k.to_string())
        ))
        .fetch_one(&mut db)
        .await?;
        let ms = plan[0]["Execution Time"].as_f64().unwrap_or_default()
            + plan[0]["Planning Time"].as_f64().unwrap_or_default();
        executions.push(Duration::from_secs_f64(ms / 1000.0));
    }
    executions.sort();
    let server_side_knn_p50 = executions[executions.len() / 2];
    drop(db);
    admin.execute("DROP DATABASE IF EXISTS nahbar_bench WITH (FORCE)").await?;
    Ok(PostgisFigures {
        load,
        index: index_time,
        knn,
        radius,
        agreeing,
        sampled,
        server_side_knn_p50,
    })
}
