//! What needs someone in a business, as one ordered list: the dashboard shows it, the
//! weekly summary mails it. Managers and owners get everything; staff what they can act on
//! (waiting questions when the owner lets them see questions, quiet locations).

#[cfg(feature = "ssr")]
use crate::{context::AppState, domain::location::Membership, error::AppError};

/// The business's nudges for a member with `membership`, as of `now`, for its `locations`
/// (as the caller already read them); archived locations have none.
#[cfg(feature = "ssr")]
pub async fn business_nudges(
    state: &AppState,
    membership: &Membership,
    locations: &[crate::domain::location::LocationSummary],
    sees_questions: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<crate::domain::nudges::Nudge>, AppError> {
    use crate::domain::nudges::{Nudge, Place, QUESTION_WAIT_DAYS, location_nudges, order};
    let store = &state.store;
    let business = membership.business_id;
    let can_edit = membership.role.can_edit_locations();
    let mut nudges = Vec::new();
    if can_edit {
        match store.imprint(business).await?.imprint {
            None => nudges.push(Nudge::Imprint { missing: true }),
            Some(imprint) if !imprint.is_complete() => {
                nudges.push(Nudge::Imprint { missing: false })
            }
            Some(_) => {}
        }
    }
    let waiting = if sees_questions {
        store.waiting_questions(business, now - chrono::Duration::days(QUESTION_WAIT_DAYS)).await?
    } else {
        Vec::new()
    };
    for summary in locations.iter().filter(|l| !l.archived) {
        let at = Place { id: summary.id, name: summary.name.clone() };
        if let Some((_, n)) = waiting.iter().find(|(id, n)| *id == summary.id && *n > 0) {
            nudges.push(Nudge::Questions { at: at.clone(), waiting: *n });
        }
        if can_edit {
            let location = store.location(business, summary.id).await?;
            let today = now.with_timezone(&location.details.tz()).date_naive();
            let holidays = location
                .opening_hours()
                .unconfirmed_holidays(today, today + chrono::Duration::days(30));
            if !holidays.is_empty() {
                nudges.push(Nudge::Holidays { at: at.clone(), holidays });
            }
            for print in crate::api::hours::printed_signs(state, &location, today).await? {
                if print.out_of_date {
                    let (kind, printed_on) = (print.kind, print.printed_on);
                    nudges.push(Nudge::StaleSign { at: at.clone(), kind, printed_on });
                }
            }
        }
        let facts = store.location_facts(business, summary.id, now).await?;
        nudges.extend(
            location_nudges(&at, &facts, now).into_iter().filter(|n| can_edit || n.for_staff()),
        );
    }
    order(&mut nudges);
    Ok(nudges)
}
