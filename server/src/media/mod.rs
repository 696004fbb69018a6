//! Photos: validated by decoding (never by name), oriented by their EXIF tag, re-encoded
//! from pixels only (so no EXIF, GPS, XMP, maker notes or serial numbers survive), in
//! responsive widths as WebP with a JPEG fallback, stored content-addressed in the data
//! folder (`media/{hash}-{width}.{webp,jpg}`) and served as immutable files.

mod ingest;
mod storage;
pub use ingest::ingest;
pub use storage::MediaStore;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::io::Cursor;
use std::path::{Path, PathBuf};

pub use app::domain::post::{MAX_PIXELS, MAX_UPLOAD_BYTES, MediaProblem};

pub const WIDTHS: [u32; 3] = [400, 800, 1600];
const JPEG_QUALITY: u8 = 82;
const WEBP_QUALITY: f32 = 78.0;

/// At most two photos are decoded at once, so a burst of uploads cannot exhaust memory
/// (a 50-megapixel image needs about 200 MB while it is processed).
pub fn processing_slots() -> std::sync::Arc<tokio::sync::Semaphore> {
    std::sync::Arc::new(tokio::sync::Semaphore::new(2))
}

/// One stored rendition.
#[derive(Clone, Debug)]
pub struct Rendition {
    pub width: u32,
    pub height: u32,
    pub webp: Vec<u8>,
    pub jpeg: Vec<u8>,
}

#[derive(Clone, Debug)]
pub struct Processed {
    /// Hex SHA-256 prefix of the uploaded bytes: the same upload is the same photo.
    pub hash: String,
    /// Size after orientation.
    pub width: u32,
    pub height: u32,
    pub renditions: Vec<Rendition>,
}

pub fn content_hash(bytes: &[u8]) -> String {
    hex::encode(&Sha256::digest(bytes)[..16])
}

/// Decodes, orients and re-encodes one upload. CPU-bound: call it off the async runtime.
pub fn process(bytes: &[u8]) -> Result<Processed, MediaProblem> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(MediaProblem::TooLarge);
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| MediaProblem::NotAnImage)?;
    match reader.format() {
        Some(image::ImageFormat::Jpeg) if !jpeg_is_complete(bytes) => {
            return Err(MediaProblem::Damaged);
        }
        Some(image::ImageFormat::Jpeg | image::ImageFormat::Png | image::ImageFormat::WebP) => {}
        _ => return Err(MediaProblem::NotAnImage),
    }
    let mut decoder = reader.into_decoder().map_err(|_| MediaProblem::NotAnImage)?;
    // The header's size is checked before a single pixel is allocated.
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width == 0 || height == 0 {
        return Err(MediaProblem::TooManyPixels { width, height });
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    decoder.set_limits(limits).map_err(|_| MediaProblem::TooManyPixels { width, height })?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| MediaProblem::Damaged)?;
    image.apply_orientation(orientation);
    let rgb = DynamicImage::ImageRgb8(image.to_rgb8());
    let (width, height) = (rgb.width(), rgb.height());
    let mut targets: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
    if targets.len() < WIDTHS.len() {
        // Never upscale: the original width stands in for the larger sizes.
        targets.push(width.min(WIDTHS[WIDTHS.len() - 1]));
    }
    targets.dedup();
    let renditions =
        targets.into_iter().map(|target| rendition(&rgb, target)).collect::<Result<Vec<_>, _>>()?;
    Ok(Processed { hash: content_hash(bytes), width, height, renditions })
}

/// A JPEG decoder fills a cut-off file with grey instead of failing. Entropy-coded data
/// never contains `FF D9` (an `FF` there is followed by `00`), so a complete file has the
/// end-of-image marker after its last start-of-scan marker.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let last_scan = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]);
    last_scan.is_some_and(|at| bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]))
}

fn rendition(source: &DynamicImage, width: u32) -> Result<Rendition, MediaProblem> {
    use fast_image_resize::{ResizeOptions, Resizer, images::Image};
    let height =
        ((u64::from(source.height()) * u64::from(width)) / u64::from(source.width())).max(1) as u32;
    let mut resized = Image::new(width, height, fast_image_resize::PixelType::U8x3);
    Resizer::new()
        .resize(source, &mut resized, &ResizeOptions::new())
        .map_err(|_| MediaProblem::Damaged)?;
    let pixels = resized.into_vec();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode(&pixels, width, height, image::ExtendedColorType::Rgb8)
        .map_err(|_| MediaProblem::Damaged)?;
    let webp = webp::Encoder::from_rgb(&pixels, width, height).encode(WEBP_QUALITY).to_vec();
    Ok(Rendition { width, height, webp, jpeg })
}

/// Whether `name` is a complete rendition's file name, `{hash}-{width}.{webp|jpg}` (32 hex
/// digits, a width): what `/media` serves and a backup copies.
pub fn is_rendition_name(name: &str) -> bool {
    let Some((stem, extension)) = name.rsplit_once('.') else { return false };
    let Some((hash, width)) = stem.split_once('-') else { return false };
    matches!(extension, "webp" | "jpg")
        && hash.len() == 32
        && hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && !width.is_empty()
        && width.bytes().all(|b| b.is_ascii_digit())
}

/// Where the renditions of `hash` live.
pub fn file_name(hash: &str, width: u32, extension: &str) -> String {
    format!("{hash}-{width}.{extension}")
}

/// Writes every rendition: each file first to a temporary name in a sibling folder that is
/// not served ([`partial_dir`]), then renamed into place, so a crash or a kill never leaves
/// a half-written file under a served name. Existing files are kept.
pub fn store(dir: &Path, processed: &Processed) -> std::io::Result<()> {
    for r in &processed.renditions {
        for (extension, bytes) in [("webp", &r.webp), ("jpg", &r.jpeg)] {
            store_file(dir, &file_name(&processed.hash, r.width, extension), bytes)?;
        }
    }
    Ok(())
}

/// Writes one file as [`store`] does (temporary name, then rename; kept if present).
pub fn store_file(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = dir.join(name);
    if target.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    let partial = partial_dir(dir);
    std::fs::create_dir_all(&partial)?;
    let temporary = partial.join(format!("{name}.{}.part", rand_suffix()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, &target)
}

/// Where renditions are written before they are complete: beside the media folder (same
/// file system, so the rename is atomic), outside what `/media` serves.
pub fn partial_dir(media_dir: &Path) -> PathBuf {
    media_dir.with_file_name("media-partial")
}

/// Removes what a killed server left half-written (at start, before serving). Returns how
/// many files went.
pub fn remove_partial_files(media_dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(partial_dir(media_dir)) else { return 0 };
    entries.flatten().filter(|entry| std::fs::remove_file(entry.path()).is_ok()).count()
}

fn rand_suffix() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn media_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("media")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode(image.as_raw(), width, height, image::ExtendedColorType::Rgb8)
            .expect("encode");
        out
    }

    #[test]
    fn a_photo_becomes_three_widths_in_two_formats() {
        let processed = process(&jpeg(2000, 1500)).expect("processed");
        let widths: Vec<u32> = processed.renditions.iter().map(|r| r.width).collect();
        assert_eq!(widths, [400, 800, 1600]);
        assert_eq!(processed.renditions[0].height, 300);
        for r in &processed.renditions {
            assert_eq!(image::guess_format(&r.webp).ok(), Some(image::ImageFormat::WebP));
            assert_eq!(image::guess_format(&r.jpeg).ok(), Some(image::ImageFormat::Jpeg));
        }
    }

    #[test]
    fn small_photos_are_not_upscaled() {
        let processed = process(&jpeg(600, 400)).expect("processed");
        let widths: Vec<u32> = processed.renditions.iter().map(|r| r.width).collect();
        assert_eq!(widths, [400, 600]);
    }

    #[test]
    fn non_images_truncated_images_and_bombs_are_refused() {
        assert_eq!(process(b"%PDF-1.7 hello").err(), Some(MediaProblem::NotAnImage));
        let mut truncated = jpeg(800, 600);
        truncated.truncate(truncated.len() / 3);
        assert_eq!(process(&truncated).err(), Some(MediaProblem::Damaged));
        let mut truncated_png = Vec::new();
        image::DynamicImage::new_rgb8(300, 200)
            .write_to(&mut Cursor::new(&mut truncated_png), image::ImageFormat::Png)
            .expect("png");
        truncated_png.truncate(truncated_png.len() - 20);
        assert_eq!(process(&truncated_png).err(), Some(MediaProblem::Damaged));
        // A PNG header claiming 30 000 × 30 000 pixels, with almost no data.
        let bomb = png_header(30_000, 30_000);
        assert_eq!(
            process(&bomb).err(),
            Some(MediaProblem::TooManyPixels { width: 30_000, height: 30_000 })
        );
        assert_eq!(process(&vec![0u8; MAX_UPLOAD_BYTES + 1]).err(), Some(MediaProblem::TooLarge));
    }

    /// A PNG that claims the given size: signature, IHDR, a tiny IDAT and IEND.
    pub fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend(height.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, 0]);
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in [
            (&b"IHDR"[..], ihdr),
            (&b"IDAT"[..], vec![0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
            (&b"IEND"[..], Vec::new()),
        ] {
            out.extend((data.len() as u32).to_be_bytes());
            let mut chunk = kind.to_vec();
            chunk.extend(&data);
            out.extend(&chunk);
            out.extend(crc32(&chunk).to_be_bytes());
        }
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
}
