//! `nahbar media-bench` (hidden; run by `make bench`): the server's work for one 12-megapixel
//! phone photo (validate, orient, strip, three widths in WebP and JPEG) on one thread, and
//! what on-device downscaling (longest edge 2048 px, JPEG quality 0.85, as `compose.js`
//! does in the browser) saves on the way up. The photo is synthetic but photo-like:
//! gradients, texture and fine noise, encoded at quality 92 like a phone camera.

use crate::media;
use image::RgbImage;
use rand::{Rng, SeedableRng};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct MediaBenchArgs {
    #[arg(long, default_value_t = 7)]
    pub runs: usize,
}

fn phone_photo(width: u32, height: u32) -> Vec<u8> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(12);
    let image = RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let texture = ((fx * 180.0).sin() * (fy * 140.0).cos() * 30.0) as i32;
        let noise: i32 = rng.gen_range(-12..12);
        let channel = |base: f32| (base + texture as f32 + noise as f32).clamp(0.0, 255.0) as u8;
        image::Rgb([
            channel(200.0 * fx + 30.0),
            channel(160.0 * fy + 40.0),
            channel(120.0 * (1.0 - fx) + 60.0),
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .encode(image.as_raw(), width, height, image::ExtendedColorType::Rgb8)
        .expect("encoding the test photo");
    out
}

fn downscaled_on_device(original: &[u8]) -> Vec<u8> {
    let image = image::load_from_memory(original).expect("decodes");
    let scaled = image.resize(2048, 2048, image::imageops::FilterType::Triangle);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode(
            scaled.to_rgb8().as_raw(),
            scaled.width(),
            scaled.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encoding");

    out
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

pub fn run(args: MediaBenchArgs) -> anyhow::Result<()> {
    let runs = args.runs.max(1);
    let original = phone_photo(4032, 3024);
    println!(
        "media benchmark: a 4032×3024 (12.2 MP) JPEG of {:.2} MB, {runs} runs, one thread",
        original.len() as f64 / 1e6
    );
    let time = |bytes: &[u8]| {
        let mut times = Vec::new();
        let mut out = None;
        for _ in 0..runs {
            let started = Instant::now();
            out = Some(media::process(bytes).expect("processing"));
            times.push(started.elapsed());
        }
        (median(times), out.expect("at least one run"))
    };
    let (full, processed) = time(&original);
    let stored: usize = processed.renditions.iter().map(|r| r.webp.len() + r.jpeg.len()).sum();
    println!(
        "server, full-size upload: validate + orient + strip + 400/800/1600 px WebP and JPEG: median {:.0} ms (goal ≤ 1000 ms); {} files, {:.0} KB stored",
        full.as_secs_f64() * 1e3,
        processed.renditions.len() * 2,
        stored as f64 / 1e3
    );
    let device = downscaled_on_device(&original);
    let (small, _) = time(&device);
    println!(
        "server, downscaled upload (what the staff app sends): median {:.0} ms",
        small.as_secs_f64() * 1e3
    );
    println!(
        "on-device downscaling to 2048 px: {:.2} MB → {:.0} KB uploaded, {:.0} % less mobile data",
        original.len() as f64 / 1e6,
        device.len() as f64 / 1e3,
        100.0 * (1.0 - device.len() as f64 / original.len() as f64)
    );
    Ok(())
}
