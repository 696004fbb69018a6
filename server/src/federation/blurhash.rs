//! Blurhash of a photo: a ~28 character placeholder Mastodon and Pixelfed paint while the
//! photo loads (`blurhash` on an `Image` attachment). The `blurhash` crate encodes; this
//! module checks the buffer first (the crate indexes without bounds checks of its own) and
//! shrinks big images, since the cost grows with every pixel and the result cannot tell.

use image::DynamicImage;

/// Mastodon's choice: 4 × 4 components.
pub const COMPONENTS: u32 = 4;
/// Images are reduced to at most this many pixels a side before encoding.
pub const MAX_SIDE: u32 = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BlurhashError {
    #[error("the pixel buffer does not match width × height × 4")]
    BufferSize,
    #[error("the image has no pixels")]
    Empty,
}

/// The blurhash of RGBA pixels (8 bits a channel, row by row, alpha ignored). Keep images
/// small (see [`from_image`]): the work is width × height × 16.
pub fn from_rgba(width: u32, height: u32, rgba: &[u8]) -> Result<String, BlurhashError> {
    if width == 0 || height == 0 {
        return Err(BlurhashError::Empty);
    }
    let expected = (width as usize).checked_mul(height as usize).and_then(|n| n.checked_mul(4));
    if expected != Some(rgba.len()) {
        return Err(BlurhashError::BufferSize);
    }
    blurhash::encode(COMPONENTS, COMPONENTS, width, height, rgba)
        .map_err(|_| BlurhashError::BufferSize)
}

/// The blurhash of a decoded photo (e.g. the media pipeline's source image), shrunk to
/// [`MAX_SIDE`] first. Takes well under a millisecond after the shrink.
pub fn from_image(image: &DynamicImage) -> Result<String, BlurhashError> {
    let (width, height) = (image.width(), image.height());
    if width == 0 || height == 0 {
        return Err(BlurhashError::Empty);
    }
    let scale = f64::from(MAX_SIDE) / f64::from(width.max(height));
    let small = if scale < 1.0 {
        let w = ((f64::from(width) * scale).round() as u32).max(1);
        let h = ((f64::from(height) * scale).round() as u32).max(1);
        image.thumbnail_exact(w, h)
    } else {
        image.clone()
    };
    let rgba = small.to_rgba8();
    from_rgba(rgba.width(), rgba.height(), rgba.as_raw())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE83: &[u8] =
        b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

    #[test]
    fn a_plain_colour_encodes_its_size_and_that_colour() {
        // The format (blurha.sh): size flag (4×4 → 3 + 3·9 = 30, "U"), the AC maximum, the
        // DC colour as sRGB 0xRRGGBB in four base-83 digits, then 15 AC pairs.
        // The crate rounds linear → sRGB up where the reference truncates after adding 0.5,
        // so a channel may come out one step (of 255) higher: invisible, and allowed here.
        let rgba: Vec<u8> = [200u8, 40, 10, 255].repeat(8 * 6);
        let hash = from_rgba(8, 6, &rgba).expect("hash");
        assert_eq!(hash.len(), 6 + 2 * 15);
        assert_eq!(&hash[0..1], "U");
        let dc = decode83(&hash[2..6]);
        let (r, g, b) = (dc >> 16, (dc >> 8) & 0xff, dc & 0xff);
        for (channel, expected) in [(r, 200), (g, 40), (b, 10)] {
            assert!(channel.abs_diff(expected) <= 1, "{r} {g} {b}");
        }
    }

    #[test]
    fn a_wrong_buffer_is_an_error_not_a_panic() {
        assert_eq!(from_rgba(4, 4, &[0; 10]), Err(BlurhashError::BufferSize));
        assert_eq!(from_rgba(0, 4, &[]), Err(BlurhashError::Empty));
    }

    fn decode83(text: &str) -> u32 {
        text.bytes().fold(0, |acc, b| {
            acc * 83 + BASE83.iter().position(|c| *c == b).expect("base83") as u32
        })
    }

    #[test]
    fn a_large_photo_is_shrunk_first_and_keeps_its_average_colour() {
        let big = DynamicImage::ImageRgb8(image::RgbImage::from_fn(1280, 960, |x, y| {
            image::Rgb([(x / 5) as u8, (y / 4) as u8, 128])
        }));
        let started = std::time::Instant::now();
        let hash = from_image(&big).expect("hash");
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!(hash.len(), 36);
        let dc = decode83(&hash[2..6]);
        let (r, g, b) = (dc >> 16, (dc >> 8) & 0xff, dc & 0xff);
        // The average of the gradients is about (128, 120, 128) in sRGB; blurhash averages
        // in linear light, which lifts it a little.
        for (channel, expected) in [(r, 128), (g, 120), (b, 128)] {
            assert!(channel.abs_diff(expected) <= 30, "{r} {g} {b}");
        }
    }
}
