//! Planning an import: which row updates which location, and which creates one.

use super::*;

use crate::domain::slug::unique_slug;

// ----- planning an import -----------------------------------------------------------------

/// What the store does for one row.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportStep<'a> {
    Create { row: &'a ImportRow, slug: Slug },
    Update(Box<LocationUpdate>),
    Unchanged(LocationId),
}

/// A location as a row leaves it.
#[derive(Clone, Debug, PartialEq)]
pub struct LocationUpdate {
    pub id: LocationId,
    pub details: LocationDetails,
    /// `None`: the weekly hours stay as they are.
    pub hours: Option<WeeklyHours>,
    /// `None`: the special hours stay as they are.
    pub special: Option<Vec<SpecialHours>>,
}

/// Matches every row with the business's locations (`existing`, archived ones included):
/// by store code, else (for a location that has no store code yet) by its slug. A row
/// without a match becomes a new location with a free slug; `taken` holds every slug in
/// use by any business. Any row that cannot be applied makes the whole plan fail, with
/// every such row's problem.
pub fn plan_import<'a>(
    existing: &[Location],
    mut taken: HashSet<String>,
    rows: &'a [ImportRow],
) -> Result<Vec<ImportStep<'a>>, Vec<RowError>> {
    let by_code: HashMap<&str, &Location> = existing
        .iter()
        .filter(|l| !l.details.branch_code.is_empty())
        .map(|l| (l.details.branch_code.as_str(), l))
        .collect();
    let mut without_code: HashMap<&str, &Location> = existing
        .iter()
        .filter(|l| l.details.branch_code.is_empty())
        .map(|l| (l.slug.as_str(), l))
        .collect();
    let mut next_suffix = HashMap::new();
    let mut steps = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for row in rows {
        let fail =
            |column, problem, value: &str| RowError::new(row.line, Some(column), problem, value);
        let matched = by_code
            .get(row.branch_code.as_str())
            .copied()
            .or_else(|| row.slug.as_ref().and_then(|slug| without_code.remove(slug.as_str())));
        let Some(location) = matched else {
            let slug = match &row.slug {
                Some(slug) if taken.contains(slug.as_str()) => {
                    errors.push(fail(Column::NahbarSlug, Problem::SlugTaken, slug.as_str()));
                    continue;
                }
                Some(slug) => {
                    taken.insert(slug.as_str().to_string());
                    slug.clone()
                }
                None => unique_slug(&row.details, &mut taken, &mut next_suffix),
            };
            steps.push(ImportStep::Create { row, slug });
            continue;
        };
        if location.archived {
            errors.push(fail(Column::StoreCode, Problem::StoreCodeArchived, &row.branch_code));
            continue;
        }
        if let Some(slug) = row.slug.as_ref().filter(|s| s.as_str() != location.slug) {
            errors.push(fail(Column::NahbarSlug, Problem::SlugFixed, slug.as_str()));
            continue;
        }
        let (details, hours) = row.merged_onto(location);
        // Days kept from the location may now overlap a new day's hours past midnight.
        if let Err(hour_errors) = WeeklyHours::parse(&hours.to_input()) {
            let day = hour_errors.first().map_or(Weekday::Mon, |e| e.day);
            errors.push(fail(Column::of_day(day), Problem::OverlappingHours, ""));
            continue;
        }
        let special = (!row.special.is_empty()
            && !same_special_days(&row.special, &location.special))
        .then(|| with_notes_from(row.special.clone(), &location.special));
        let hours = (hours != location.hours).then_some(hours);
        if details == location.details && hours.is_none() && special.is_none() {
            steps.push(ImportStep::Unchanged(location.id));
        } else {
            steps.push(ImportStep::Update(Box::new(LocationUpdate {
                id: location.id,
                details,
                hours,
                special,
            })));
        }
    }
    if errors.is_empty() { Ok(steps) } else { Err(errors) }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
