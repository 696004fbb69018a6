//! Texts that go out to the fediverse in the location's language: the lines a post's Note
//! gets (an offer's last day, an event's dates, the map link), the actor's profile fields,
//! and the short notes about closures and special hours. Dates read as on the local page.

use super::{Lang, date_range, when};
use chrono::{DateTime, NaiveDate, Utc};

pub struct FederationTexts {
    /// Profile field names (Mastodon shows them as a table under the bio).
    pub field_address: &'static str,
    pub field_today: &'static str,
    pub field_website: &'static str,
    /// The value of "today" when the shop is closed all day. The actor document says what
    /// today is when it is fetched; servers keep it for about a day, so the sender should
    /// push an Update{actor} when the day (or the hours) change.
    pub closed_today: &'static str,
    /// The link text after the place name: "📍 Bäckerei Sonnenschein · Karte".
    pub map: &'static str,
    /// The local page's line before the shop's fediverse handle.
    pub follow_us: &'static str,
    pub follow_how: &'static str,
    /// The owner's followers screen.
    pub followers_title: &'static str,
    pub followers_link: &'static str,
    pub handle_intro: &'static str,
    pub federation_off: &'static str,
    pub no_followers: &'static str,
    /// `{n}` followers.
    pub follower_count: &'static str,
    pub since: &'static str,
    pub remove: &'static str,
    pub block_heading: &'static str,
    pub block_help: &'static str,
    pub server: &'static str,
    pub block: &'static str,
    pub unblock: &'static str,
    pub blocked_list: &'static str,
    /// `{queued}`, `{delivered}`, `{failed}`.
    pub deliveries: &'static str,
    pub removed: &'static str,
    pub blocked_done: &'static str,
    pub unblocked_done: &'static str,
    pub bad_host: &'static str,
    offer_until: &'static str,
    event_when: &'static str,
    closed_on: &'static str,
    hours_on: &'static str,
}

const DE: FederationTexts = FederationTexts {
    field_address: "Adresse",
    field_today: "Heute",
    field_website: "Website",
    closed_today: "geschlossen",
    map: "Karte",
    follow_us: "Folgen Sie uns auf Mastodon und im Fediverse:",
    follow_how: "Suchen Sie in Ihrer App nach diesem Namen und tippen Sie auf „Folgen“.",
    followers_title: "Folgende im Fediverse",
    followers_link: "Folgende",
    handle_intro: "Kundschaft folgt diesem Standort auf Mastodon und im Fediverse unter:",
    federation_off: "Das Fediverse ist aus: Die öffentliche Adresse dieser Nahbar-Instanz ist eine IP-Adresse. Mit einem Hostnamen (z. B. https://laden.example) können Menschen Ihnen folgen.",
    no_followers: "Noch folgt niemand diesem Standort.",
    follower_count: "Folgende: {n}",
    since: "seit",
    remove: "Entfernen",
    block_heading: "Server sperren",
    block_help: "Ein gesperrter Server kann keinem Standort Ihres Betriebs mehr folgen; wer von dort folgt, wird entfernt.",
    server: "Server (z. B. spam.example)",
    block: "Sperren",
    unblock: "Entsperren",
    blocked_list: "Gesperrte Server",
    deliveries: "Zustellungen: {queued} wartend, {delivered} zugestellt, {failed} aufgegeben",
    removed: "Entfernt.",
    blocked_done: "Gesperrt.",
    unblocked_done: "Entsperrt.",
    bad_host: "Bitte einen Servernamen wie mastodon.social eingeben.",
    offer_until: "Angebot gilt bis {date}",
    event_when: "Termin: {when}",
    closed_on: "Geschlossen: {dates}",
    hours_on: "Geänderte Öffnungszeiten {dates}: {hours}",
};

const EN: FederationTexts = FederationTexts {
    field_address: "Address",
    field_today: "Today",
    field_website: "Website",
    closed_today: "closed",
    map: "Map",
    follow_us: "Follow us on Mastodon and the fediverse:",
    follow_how: "Search for this name in your app and tap “Follow”.",
    followers_title: "Followers on the fediverse",
    followers_link: "Followers",
    handle_intro: "Customers follow this location on Mastodon and the fediverse as:",
    federation_off: "The fediverse is off: this Nahbar's public address is an IP address. With a host name (e.g. https://shop.example) people can follow you.",
    no_followers: "Nobody follows this location yet.",
    follower_count: "Followers: {n}",
    since: "since",
    remove: "Remove",
    block_heading: "Block a server",
    block_help: "A blocked server can no longer follow any location of your business; its followers are removed.",
    server: "Server (e.g. spam.example)",
    block: "Block",
    unblock: "Unblock",
    blocked_list: "Blocked servers",
    deliveries: "Deliveries: {queued} waiting, {delivered} delivered, {failed} given up",
    removed: "Removed.",
    blocked_done: "Blocked.",
    unblocked_done: "Unblocked.",
    bad_host: "Please enter a server name such as mastodon.social.",
    offer_until: "Offer valid until {date}",
    event_when: "When: {when}",
    closed_on: "Closed: {dates}",
    hours_on: "Changed opening hours {dates}: {hours}",
};

impl Lang {
    pub fn federation(self) -> &'static FederationTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}

impl FederationTexts {
    /// "Angebot gilt bis 24.12." / "Offer valid until 24 Dec".
    pub fn offer_line(&self, lang: Lang, last_day: NaiveDate) -> String {
        self.offer_until.replace("{date}", &date_range(lang, last_day, last_day))
    }

    /// "Termin: 24.12. 18:00 – 24.12. 20:00" in the location's timezone.
    pub fn event_line(
        &self,
        lang: Lang,
        starts: DateTime<Utc>,
        ends: Option<DateTime<Utc>>,
        tz: chrono_tz::Tz,
    ) -> String {
        let span = match ends {
            Some(end) => format!("{} – {}", when(lang, starts, tz), when(lang, end, tz)),
            None => when(lang, starts, tz),
        };
        self.event_when.replace("{when}", &span)
    }

    /// "Geschlossen: 24.–26.12." / "Closed: 24–26 Dec".
    pub fn closure_line(&self, lang: Lang, from: NaiveDate, to: NaiveDate) -> String {
        self.closed_on.replace("{dates}", &date_range(lang, from, to))
    }

    /// "Geänderte Öffnungszeiten 31.12.: 08:00–12:00".
    pub fn hours_line(&self, lang: Lang, from: NaiveDate, to: NaiveDate, hours: &str) -> String {
        self.hours_on.replace("{dates}", &date_range(lang, from, to)).replace("{hours}", hours)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date")
    }

    #[test]
    fn offers_and_closures_read_naturally_in_both_languages() {
        assert_eq!(
            Lang::De.federation().offer_line(Lang::De, day(12, 24)),
            "Angebot gilt bis 24.12."
        );
        assert_eq!(
            Lang::En.federation().offer_line(Lang::En, day(12, 24)),
            "Offer valid until 24 Dec"
        );
        assert_eq!(
            Lang::De.federation().closure_line(Lang::De, day(12, 24), day(12, 26)),
            "Geschlossen: 24.–26.12."
        );
        assert_eq!(
            Lang::En.federation().closure_line(Lang::En, day(12, 24), day(12, 26)),
            "Closed: 24–26 Dec"
        );
        assert_eq!(
            Lang::De.federation().hours_line(Lang::De, day(12, 31), day(12, 31), "08:00–12:00"),
            "Geänderte Öffnungszeiten 31.12.: 08:00–12:00"
        );
    }

    #[test]
    fn event_times_are_shown_in_the_locations_timezone() {
        let start = Utc.with_ymd_and_hms(2026, 7, 3, 16, 0, 0).single().expect("t");
        let end = Utc.with_ymd_and_hms(2026, 7, 3, 18, 30, 0).single().expect("t");
        let berlin = chrono_tz::Europe::Berlin;
        assert_eq!(
            Lang::De.federation().event_line(Lang::De, start, Some(end), berlin),
            "Termin: 3.7. 18:00 – 3.7. 20:30"
        );
        assert_eq!(
            Lang::En.federation().event_line(Lang::En, start, None, berlin),
            "When: 3 Jul 18:00"
        );
    }
}
