//! `--demo`: a realistic business so a newcomer sees a living page at once. A bakery with
//! a lunch break in Freiburg and a café open past midnight on Fridays in Leipzig.

use app::domain::hours::{DayInput, WeeklyHours};
use app::domain::location::{Address, GeoPoint, LocationDetails, NewPoiInput, PoiKind};
use app::domain::schedule::{HolidayRule, SpecialHours, intervals_from_text};
use app::domain::slug::Slug;
use app::store::{NewLocation, Store};
use chrono::{DateTime, Duration, Utc};

fn week(days: [&[(&str, &str)]; 7]) -> anyhow::Result<WeeklyHours> {
    let input: Vec<DayInput> = days
        .iter()
        .map(|intervals| DayInput {
            closed: intervals.is_empty(),
            intervals: intervals.iter().map(|(o, c)| (o.to_string(), c.to_string())).collect(),
        })
        .collect();
    WeeklyHours::parse(&input).map_err(|e| anyhow::anyhow!("demo hours invalid: {e:?}"))
}

fn poi(name: &str, kind: PoiKind, lat: f64, lon: f64, note: &str) -> NewPoiInput {
    NewPoiInput {
        name: name.into(),
        kind,
        point: GeoPoint { lat, lon },
        note: note.into(),
        public: true,
    }
}

/// Fills an empty database; a database that already has a business is left alone.
/// `now` dates the demo's closures and posts (the server's clock, which tests may pin).
pub async fn seed(
    store: &dyn Store,
    media: &crate::media::MediaStore,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    if store.business_count().await? > 0 {
        return Ok(false);
    }
    let business = store.create_business("Bäckerei Sonnenschein", now).await?;
    let weekday: &[(&str, &str)] = &[("06:30", "12:30"), ("14:00", "18:30")];
    let freiburg = NewLocation {
        business_id: business,
        slug: Slug::parse("sonnenschein-freiburg")?,
        details: LocationDetails {
            name: "Bäckerei Sonnenschein Freiburg".into(),
            schema_type: "Bakery".into(),
            description: "Holzofenbrot, Brezeln und Kuchen aus eigener Backstube – seit 1987 \
                          in der Altstadt."
                .into(),
            address: Address {
                street: "Konviktstraße 12".into(),
                postal_code: "79098".into(),
                city: "Freiburg im Breisgau".into(),
                country: "DE".into(),
                region: "DE-BW".into(),
            },
            geo: GeoPoint::new(47.99521, 7.85488),
            phone: "+49 761 2923 410".into(),
            email: "freiburg@sonnenschein.example".into(),
            website: "https://sonnenschein.example".into(),
            timezone: "Europe/Berlin".into(),
            language: "de".into(),
            branch_code: "FR-1".into(),
        },
        hours: week([weekday, weekday, weekday, weekday, weekday, &[("07:00", "13:00")], &[]])?,
    };
    let freiburg_id = store.create_location(&freiburg, now).await?;
    for p in [
        poi(
            "Kundenparkplatz im Hof",
            PoiKind::Parking,
            47.99541,
            7.85461,
            "Zwei Plätze, Einfahrt über die Schlossbergstraße.",
        ),
        poi(
            "Stufenloser Eingang",
            PoiKind::AccessibleEntrance,
            47.99515,
            7.85499,
            "Seiteneingang mit Klingel, Tür 1,10 m breit.",
        ),
        poi("Fahrradbügel", PoiKind::BikeParking, 47.99527, 7.85472, "Sechs Bügel vor dem Laden."),
        poi(
            "Abholstation Vorbestellungen",
            PoiKind::PickupPoint,
            47.99519,
            7.85482,
            "Vorbestelltes Brot ab 7 Uhr am Tresen links.",
        ),
    ] {
        store.add_poi(business, freiburg_id, &p, now).await?;
    }
    let leipzig = NewLocation {
        business_id: business,
        slug: Slug::parse("sonnenschein-leipzig")?,
        details: LocationDetails {
            name: "Café Sonnenschein Leipzig".into(),
            schema_type: "CafeOrCoffeeShop".into(),
            description: "Kaffee, Kuchen und freitags Musik bis spät in der Südvorstadt.".into(),
            address: Address {
                street: "Karl-Liebknecht-Straße 87".into(),
                postal_code: "04275".into(),
                city: "Leipzig".into(),
                country: "DE".into(),
                region: "DE-SN".into(),
            },
            geo: GeoPoint::new(51.32093, 12.37305),
            phone: "+49 341 3016 220".into(),
            email: "leipzig@sonnenschein.example".into(),
            website: "https://sonnenschein.example/leipzig".into(),
            timezone: "Europe/Berlin".into(),
            language: "de".into(),
            branch_code: "L-1".into(),
        },
        hours: week([
            &[("08:00", "19:00")],
            &[("08:00", "19:00")],
            &[("08:00", "19:00")],
            &[("08:00", "22:00")],
            &[("08:00", "02:00")],
            &[("09:00", "23:00")],
            &[("10:00", "18:00")],
        ])?,
    };
    let leipzig_id = store.create_location(&leipzig, now).await?;
    // A closure and a late opening in the coming days, so the page shows special hours.
    let today = now.with_timezone(&chrono_tz::Europe::Berlin).date_naive();
    let inventory = SpecialHours {
        id: 0,
        from: today + Duration::days(9),
        to: today + Duration::days(10),
        intervals: Vec::new(),
        note: "Inventur".into(),
    };
    store.add_special_hours(business, freiburg_id, &inventory, now).await?;
    let late_start = SpecialHours {
        id: 0,
        from: today + Duration::days(5),
        to: today + Duration::days(5),
        intervals: intervals_from_text("12:00-22:00")
            .ok_or_else(|| anyhow::anyhow!("demo special hours invalid"))?,
        note: "Team-Fortbildung am Vormittag".into(),
    };
    store.add_special_hours(business, leipzig_id, &late_start, now).await?;
    let mut leipzig_hours = store.location(business, leipzig_id).await?.opening_hours();
    leipzig_hours.holiday_rule = HolidayRule::Hours(leipzig_hours.weekly.days[6].clone());
    store.replace_opening_hours(business, leipzig_id, &leipzig_hours, now).await?;
    for p in [
        poi(
            "Parkhaus Südplatz",
            PoiKind::Parking,
            51.32231,
            12.37368,
            "Rund um die Uhr, 300 m zu Fuß.",
        ),
        poi(
            "Eingang Karl-Liebknecht-Straße",
            PoiKind::Entrance,
            51.32096,
            12.37318,
            "Haupteingang, eine Stufe.",
        ),
        poi(
            "Ladesäule Kurt-Eisner-Straße",
            PoiKind::Charging,
            51.31962,
            12.37265,
            "Zwei Ladepunkte, 22 kW.",
        ),
    ] {
        store.add_poi(business, leipzig_id, &p, now).await?;
    }
    super::demo_posts::seed(store, media, business, leipzig_id, now).await?;
    Ok(true)
}
