//! The demo's posts: a staff member of the Leipzig café with a photo post and an event, so
//! the demo shows news, photos, the feed and the calendar. The photo is drawn here (a
//! warm tray of rolls) and goes through the same pipeline as an upload.

use crate::media;
use app::domain::location::{BusinessId, LocationId};
use app::domain::post::{Geotag, NewPost, PostKind, PostPhoto, PostState};
use app::store::Store;
use chrono::{DateTime, Duration, Utc};

fn tray_of_rolls() -> Vec<u8> {
    let (width, height) = (1600u32, 1200u32);
    let rolls: Vec<(f32, f32)> = (0..4)
        .flat_map(|row| {
            (0..5).map(move |col| (180.0 + col as f32 * 310.0, 200.0 + row as f32 * 270.0))
        })
        .collect();
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let inside = rolls.iter().find_map(|(cx, cy)| {
            let d = ((fx - cx) / 125.0).powi(2) + ((fy - cy) / 95.0).powi(2);
            (d < 1.0).then_some(d)
        });
        match inside {
            // Crust: darker at the edge, a lighter score line across the middle.
            Some(d) => {
                let score = if (fy % 270.0 - 200.0).abs() < 6.0 { 40.0 } else { 0.0 };
                let shade = 1.0 - 0.45 * d;
                image::Rgb([
                    (205.0 * shade + score) as u8,
                    (130.0 * shade + score) as u8,
                    (55.0 * shade) as u8,
                ])
            }
            // A baking tray with a little texture.
            None => {
                let t = (((fx * 0.05).sin() + (fy * 0.07).cos()) * 6.0) as i32;
                image::Rgb([(70 + t) as u8, (72 + t) as u8, (78 + t) as u8])
            }
        }
    });
    let mut out = Vec::new();
    let _ = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88).encode(
        image.as_raw(),
        width,
        height,
        image::ExtendedColorType::Rgb8,
    );
    out
}

pub async fn seed(
    store: &dyn Store,
    media: &media::MediaStore,
    business: BusinessId,
    location: LocationId,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    // A demo colleague who cannot sign in (the hash matches no password).
    let author = store.create_user("mia@sonnenschein.example", "Mia", "!demo", now).await?;
    store.add_member(business, author, app::domain::location::Role::Staff, now).await?;
    let processed = tokio::task::spawn_blocking(|| media::process(&tray_of_rolls())).await??;
    let processed = std::sync::Arc::new(processed);
    media.put(processed.clone()).await?;
    let photo = PostPhoto {
        hash: processed.hash.clone(),
        width: processed.width,
        height: processed.height,
        widths: processed.renditions.iter().map(|r| r.width).collect(),
        alt: "Ein Blech mit frischen Franzbrötchen".into(),
    };
    store.add_media(&photo, now).await?;
    let base = NewPost::update(location, "");
    let update = NewPost {
        text: "Franzbrötchen frisch aus dem Ofen\nHeute bis 14 Uhr: zwei Franzbrötchen und ein Kaffee für 5 €.".into(),
        kind: PostKind::Offer,
        valid_until: Some(now.date_naive() + Duration::days(2)),
        photos: vec![photo],
        geotag: Some(Geotag {
            point: app::domain::location::GeoPoint { lat: 51.32093, lon: 12.37305 },
            accuracy_m: 12.0,
            place: "Café Sonnenschein Leipzig".into(),
        }),
        ..base.clone()
    };
    store.create_post(business, author, &update, PostState::Published, now).await?;
    let start =
        (now + Duration::days(9)).date_naive().and_hms_opt(17, 0, 0).unwrap_or_default().and_utc();
    let event = NewPost {
        text: "Lesung im Café: „Brot und Geschichten“\nEintritt frei, bitte Plätze reservieren."
            .into(),
        kind: PostKind::Event,
        starts_at: Some(start),
        ends_at: Some(start + Duration::hours(2)),
        ..base
    };
    store
        .create_post(business, author, &event, PostState::Published, now - Duration::hours(3))
        .await?;
    Ok(())
}
