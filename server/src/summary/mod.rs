//! The `summary` capability: the weekly summary by e-mail to the managers and owners who
//! asked for it on their account screen. Every Monday from 07:00 (German, Austrian and
//! Swiss time are the same), a job claims whoever is due, one `UPDATE` for all nodes, so
//! each person gets one mail however many nodes run; a mail that cannot be sent is given
//! back and tried at the next run. Without `--smtp-url` nothing is claimed: the same
//! figures and nudges are on the dashboard.

use crate::ServerState;
use crate::mail::Mail;
use app::i18n::Lang;
use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};

/// The summary's clock: Monday morning here.
const SUMMARY_TZ: chrono_tz::Tz = chrono_tz::Europe::Berlin;
const SEND_FROM_HOUR: u32 = 7;

/// Whether `now` is in the summary's sending window (Monday, from 07:00).
pub fn sending_time(now: DateTime<Utc>) -> bool {
    let local = now.with_timezone(&SUMMARY_TZ);
    local.weekday() == Weekday::Mon && local.hour() >= SEND_FROM_HOUR
}

/// Sends the summaries that are due at Nahbar's now; how many went out.
pub async fn send_due(state: &ServerState) -> anyhow::Result<usize> {
    let now = state.now();
    let Some(mailer) = &state.mailer else { return Ok(0) };
    if !sending_time(now) {
        return Ok(0);
    }
    let due = state.store().claim_summaries(now - chrono::Duration::days(6), now).await?;
    let mut sent = 0;
    for recipient in due {
        let lang = Lang::parse(&recipient.lang).unwrap_or(Lang::De);
        let outcome = async {
            let weeks = app::api::summary::weekly_summary(&state.app, recipient.user_id, now)
                .await
                .map_err(|e| anyhow::anyhow!("gathering the summary: {e}"))?;
            if weeks.is_empty() {
                return Ok(false);
            }
            let (subject, body) = app::i18n::summary::compose(
                lang,
                &recipient.display_name,
                &state.app.public_url,
                &weeks,
            );
            let mail = Mail {
                to: &recipient.email,
                to_name: &recipient.display_name,
                from_name: "Nahbar",
                reply_to: None,
                subject: &subject,
                body: &body,
                lang: lang.code(),
            };
            mailer.send(mail).await.map(|()| true)
        }
        .await;
        match outcome {
            Ok(true) => sent += 1,
            Ok(false) => {}
            Err(error) => {
                tracing::warn!(user = recipient.user_id, %error, "the weekly summary was not sent");
                state.store().release_summary(recipient.user_id).await?;
            }
        }
    }
    if sent > 0 {
        tracing::info!(sent, "weekly summaries sent");
    }
    Ok(sent)
}

/// Looks for due summaries every `every`.
pub async fn job(state: ServerState, every: std::time::Duration) {
    loop {
        if let Err(error) = send_due(&state).await {
            tracing::warn!(%error, "weekly summaries failed");
        }
        tokio::time::sleep(every).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn summaries_go_out_on_monday_mornings_german_time() {
        let at = |d, h, m| Utc.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap();
        // 7 December 2026 is a Monday; Berlin is UTC+1 in winter.
        assert!(!sending_time(at(7, 5, 59)), "06:59 in Berlin");
        assert!(sending_time(at(7, 6, 0)), "07:00 in Berlin");
        assert!(sending_time(at(7, 22, 59)), "23:59 in Berlin");
        assert!(!sending_time(at(7, 23, 0)), "Tuesday 00:00 in Berlin");
        assert!(!sending_time(at(6, 12, 0)), "a Sunday");
    }
}
