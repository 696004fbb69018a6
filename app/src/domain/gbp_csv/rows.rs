//! Reading one row into an import, with every problem it has.

use super::*;

pub fn parse_row<'a>(line: u64, cell: impl Fn(Column) -> Option<&'a str>) -> RowResult {
    let mut columns = ColumnSet::default();
    for column in Column::ALL {
        if cell(column).is_some() {
            columns.insert(column);
        }
    }
    let text = |column: Column| unguarded(cell(column).unwrap_or("").trim()).trim().to_string();
    let mut errors: Vec<RowError> = Vec::new();
    let mut fail = |column: Column, problem: Problem| {
        if !errors.iter().any(|e| e.column == Some(column)) {
            errors.push(RowError::new(line, Some(column), problem, &text(column)));
        }
    };
    for column in Column::REQUIRED {
        if text(column).is_empty() {
            fail(column, Problem::Required);
        }
    }
    let country = match text(Column::Country) {
        c if c.is_empty() => String::new(),
        c => country_code(&c).unwrap_or_else(|| {
            fail(Column::Country, Problem::UnknownCountry);
            String::new()
        }),
    };
    let region = region_code(&country, &text(Column::AdministrativeArea)).unwrap_or_else(|| {
        fail(Column::AdministrativeArea, Problem::UnknownRegion);
        String::new()
    });
    let geo = match (text(Column::Latitude), text(Column::Longitude)) {
        (lat, lon) if lat.is_empty() && lon.is_empty() => None,
        (lat, lon) => {
            let lat = coordinate(&lat).filter(|v| (-90.0..=90.0).contains(v));
            let lon = coordinate(&lon).filter(|v| (-180.0..=180.0).contains(v));
            if lat.is_none() {
                fail(Column::Latitude, Problem::BadCoordinates);
            }
            if lon.is_none() {
                fail(Column::Longitude, Problem::BadCoordinates);
            }
            lat.zip(lon).and_then(|(lat, lon)| GeoPoint::new(lat, lon))
        }
    };
    let schema_type = schema_type_of(&text(Column::PrimaryCategory)).unwrap_or_else(|| {
        fail(Column::PrimaryCategory, Problem::UnknownCategory);
        "LocalBusiness"
    });
    let timezone = match text(Column::TimeZone) {
        tz if tz.is_empty() => crate::domain::location::timezone_of_country(&country)
            .map(str::to_string)
            .unwrap_or_else(|| {
                if !country.is_empty() {
                    fail(Column::TimeZone, Problem::Required);
                }
                "Europe/Berlin".to_string()
            }),
        tz => tz,
    };
    let language = match text(Column::Language) {
        l if l.is_empty() => default_language(&country).to_string(),
        l => language_code(&l).map(str::to_string).unwrap_or_else(|| {
            fail(Column::Language, Problem::UnknownLanguage);
            "de".to_string()
        }),
    };
    let slug = match text(Column::NahbarSlug) {
        s if s.is_empty() => None,
        s => Slug::parse(&s).map_err(|_| fail(Column::NahbarSlug, Problem::BadSlug)).ok(),
    };
    let mut website = text(Column::Website);
    if !website.is_empty()
        && !website.contains("://")
        && website.contains('.')
        && !website.contains(' ')
    {
        // GBP sheets often hold `www.example.com`.
        website = format!("https://{website}");
    }
    let street = [text(Column::AddressLine1), text(Column::AddressLine2)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut week = Vec::with_capacity(7);
    for index in 0..7 {
        let column = Column::of_day(weekday_from_index(index));
        week.push(day_input(&text(column)).unwrap_or_else(|| {
            fail(column, Problem::BadHours);
            DayInput { closed: true, intervals: Vec::new() }
        }));
    }
    let hours = WeeklyHours::parse(&week).unwrap_or_else(|hour_errors| {
        for error in hour_errors {
            let problem = match error.kind {
                HoursErrorKind::Overlap(..) | HoursErrorKind::OverlapsPreviousDay(_) => {
                    Problem::OverlappingHours
                }
                _ => Problem::BadHours,
            };
            fail(Column::of_day(error.day), problem);
        }
        WeeklyHours::default()
    });
    let special = parse_special(&text(Column::Special)).unwrap_or_else(|| {
        fail(Column::Special, Problem::BadSpecialHours);
        Vec::new()
    });
    let details = LocationDetails {
        name: text(Column::BusinessName),
        schema_type: schema_type.to_string(),
        description: text(Column::FromTheBusiness),
        address: Address {
            street,
            postal_code: text(Column::PostalCode),
            city: text(Column::Locality),
            country,
            region,
        },
        geo,
        phone: text(Column::PrimaryPhone),
        email: text(Column::Email),
        website,
        timezone,
        language,
        branch_code: text(Column::StoreCode),
    };
    let details = match details.validate() {
        Ok(details) => Some(details),
        Err(field_errors) => {
            for e in field_errors {
                fail(field_column(&e.field), field_problem(e.problem));
            }
            None
        }
    };
    match details {
        Some(details) if errors.is_empty() => Ok(ImportRow {
            line,
            branch_code: details.branch_code.clone(),
            slug,
            details,
            hours,
            special,
            columns,
        }),
        _ => {
            errors.sort_by_key(|e| e.column);
            Err(errors)
        }
    }
}

/// Store codes and slugs name one location each: a later row repeating one is an error.
pub fn check_duplicates(rows: &mut [RowResult]) {
    let mut codes: BTreeMap<String, u64> = BTreeMap::new();
    let mut slugs: BTreeMap<String, u64> = BTreeMap::new();
    for row in rows.iter_mut() {
        let Ok(ok) = row else { continue };
        let mut errors = Vec::new();
        if codes.insert(ok.branch_code.clone(), ok.line).is_some() {
            errors.push(RowError::new(
                ok.line,
                Some(Column::StoreCode),
                Problem::DuplicateStoreCode,
                &ok.branch_code,
            ));
        }
        if let Some(slug) = &ok.slug
            && slugs.insert(slug.as_str().to_string(), ok.line).is_some()
        {
            errors.push(RowError::new(
                ok.line,
                Some(Column::NahbarSlug),
                Problem::DuplicateSlug,
                slug.as_str(),
            ));
        }
        if !errors.is_empty() {
            *row = Err(errors);
        }
    }
}

#[cfg(test)]
#[path = "rows_tests.rs"]
mod tests;
