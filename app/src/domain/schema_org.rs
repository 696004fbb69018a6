//! schema.org JSON-LD for a location's local page.

use super::hours::{Interval, TimeOfDay, WeeklyHours};
use super::location::Location;
use super::location_image::{LocationImages, jpeg_url};
use super::schedule::Exception;
use serde_json::{Value, json};

const DAY_URIS: [&str; 7] = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
];

/// The `LocalBusiness` (subtype) object; `base_url` has no trailing slash. `exceptions` are
/// the upcoming special hours and holidays.
pub fn local_business(location: &Location, base_url: &str, exceptions: &[Exception]) -> Value {
    let page = format!("{base_url}/{}", location.slug);
    let d = &location.details;
    let mut object = json!({
        "@context": "https://schema.org",
        "@type": d.schema_type,
        "@id": format!("{page}#business"),
        "name": d.name,
        "url": page,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": d.address.street,
            "postalCode": d.address.postal_code,
            "addressLocality": d.address.city,
            "addressRegion": d.address.region,
            "addressCountry": d.address.country,
        },
        "openingHoursSpecification": opening_hours_specification(&location.hours),
        "specialOpeningHoursSpecification": special_opening_hours_specification(exceptions),
        "parentOrganization": organization_ref(location.business_id, &location.business_name, base_url),
    });
    if !d.branch_code.is_empty() {
        object["branchCode"] = json!(d.branch_code);
    }
    let fields = [
        ("description", &d.description),
        ("telephone", &d.phone),
        ("email", &d.email),
        ("sameAs", &d.website),
    ];
    for (key, value) in fields {
        if !value.is_empty() {
            object[key] = json!(value);
        }
    }
    if let Some(geo) = d.geo {
        object["geo"] =
            json!({ "@type": "GeoCoordinates", "latitude": geo.lat, "longitude": geo.lon });
    }
    object
}

/// Adds the location's cover (`image`) and logo (`logo`, and `image` when there is no
/// cover) to its `LocalBusiness` object, as absolute URLs of JPEG renditions.
pub fn add_images(object: &mut Value, images: &LocationImages, base_url: &str) {
    if let Some(logo) = &images.logo {
        object["logo"] = json!(jpeg_url(base_url, logo, 400));
    }
    if let Some(photo) = images.preview() {
        object["image"] = json!(jpeg_url(base_url, photo, 1200));
    }
}

/// The business every branch belongs to, with the `@id` the start page gives it, so the
/// branches of one business form one graph.
pub fn organization_ref(business_id: i64, name: &str, base_url: &str) -> Value {
    json!({
        "@type": "Organization",
        "@id": organization_id(business_id, base_url),
        "name": name,
        "url": format!("{base_url}/#business-{business_id}"),
    })
}

pub fn organization_id(business_id: i64, base_url: &str) -> String {
    format!("{base_url}/#organization-{business_id}")
}

/// The start page's graph: each business with its branches as `subOrganization`.
pub fn organizations(businesses: &[(i64, String, Vec<String>)], base_url: &str) -> Value {
    let graph: Vec<Value> = businesses
        .iter()
        .map(|(id, name, slugs)| {
            let mut org = organization_ref(*id, name, base_url);
            org["subOrganization"] = slugs
                .iter()
                .map(|slug| json!({ "@id": format!("{base_url}/{slug}#business") }))
                .collect();
            org
        })
        .collect();
    json!({ "@context": "https://schema.org", "@graph": graph })
}

/// One specification per distinct interval, listing every weekday that has it. Intervals
/// past midnight keep `closes` < `opens`, which is how schema.org consumers read them.
pub fn opening_hours_specification(hours: &WeeklyHours) -> Vec<Value> {
    let mut groups: Vec<(Interval, Vec<&str>)> = Vec::new();
    for (day, intervals) in hours.days.iter().enumerate() {
        for interval in intervals {
            match groups.iter_mut().find(|(i, _)| i == interval) {
                Some((_, days)) => days.push(DAY_URIS[day]),
                None => groups.push((*interval, vec![DAY_URIS[day]])),
            }
        }
    }
    groups
        .into_iter()
        .map(|(interval, days)| {
            json!({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": days,
                "opens": interval.opens.to_string(),
                "closes": schema_time(interval.closes),
            })
        })
        .collect()
}

/// Special hours and holidays with `validFrom`/`validThrough`. A closed day is written
/// `opens` = `closes` = 00:00, as schema.org and Google specify for closures.
pub fn special_opening_hours_specification(exceptions: &[Exception]) -> Vec<Value> {
    exceptions
        .iter()
        .flat_map(|e| {
            let closed = vec![Interval::new(TimeOfDay::MIDNIGHT, TimeOfDay::MIDNIGHT)];
            let intervals = if e.intervals.is_empty() { closed } else { e.intervals.clone() };
            intervals.into_iter().map(move |i| {
                json!({
                    "@type": "OpeningHoursSpecification",
                    "validFrom": e.from.to_string(),
                    "validThrough": e.to.to_string(),
                    "opens": i.opens.to_string(),
                    "closes": schema_time(i.closes),
                })
            })
        })
        .collect()
}

/// schema.org `Time` has no 24:00; the end of the day is written 23:59 as Google asks.
fn schema_time(time: TimeOfDay) -> String {
    if time == TimeOfDay::END_OF_DAY { "23:59".to_string() } else { time.to_string() }
}

/// JSON for an inline `<script type="application/ld+json">`: `<` is escaped so no string
/// in the data can close the script element.
pub fn to_script_json(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::hours::Interval;

    #[test]
    fn days_with_the_same_interval_share_one_specification() {
        let mut hours = WeeklyHours::default();
        let morning = Interval::new(
            TimeOfDay::from_hm(8, 0).expect("t"),
            TimeOfDay::from_hm(12, 0).expect("t"),
        );
        hours.days[0] = vec![morning];
        hours.days[1] = vec![morning];
        hours.days[6] = vec![Interval::new(TimeOfDay::MIDNIGHT, TimeOfDay::END_OF_DAY)];
        let spec = opening_hours_specification(&hours);
        assert_eq!(spec.len(), 2);
        assert_eq!(
            spec[0]["dayOfWeek"],
            json!(["https://schema.org/Monday", "https://schema.org/Tuesday"])
        );
        assert_eq!(spec[1]["closes"], "23:59");
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let value = json!({ "name": "</script><script>alert(1)</script>" });
        let text = to_script_json(&value);
        assert!(!text.contains("</script>"));
        let back: Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, value);
    }
}
