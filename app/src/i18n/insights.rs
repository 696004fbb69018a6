//! Words of the insights screen (`/admin/locations/{id}/insights`).

use super::Lang;

pub struct InsightTexts {
    pub link: &'static str,
    /// `{name}`: the location.
    pub title: &'static str,
    pub intro: &'static str,
    pub counting_off: &'static str,
    pub ranges_label: &'static str,
    /// `{n}`: days.
    pub range: &'static str,
    pub views: &'static str,
    pub visitors: &'static str,
    pub visitors_help: &'static str,
    pub routes: &'static str,
    pub calls: &'static str,
    pub web: &'static str,
    pub scans: &'static str,
    pub feed_readers: &'static str,
    pub calendar_readers: &'static str,
    pub per_day_help: &'static str,
    pub chart_heading: &'static str,
    pub chart_label: &'static str,
    pub day: &'static str,
    pub top_posts: &'static str,
    pub referrers: &'static str,
    pub scan_sources: &'static str,
    pub nothing_yet: &'static str,
    /// `{views}`, `{visitors}`.
    pub last_year: &'static str,
    pub no_last_year: &'static str,
    pub door: &'static str,
    pub poster: &'static str,
    pub qr: &'static str,
    pub updated: &'static str,
}

pub const DE: InsightTexts = InsightTexts {
    link: "Statistik",
    title: "{name}: Statistik",
    intro: "Gezählt ohne Cookies und ohne Skript: Aufrufe deiner Seiten, Besucher pro Tag, \
            Klicks auf Wegbeschreibung, Anruf und Website, Scans deiner QR-Codes. Suchmaschinen \
            und andere Bots zählen nicht. Niemand wird über Tage hinweg wiedererkannt.",
    counting_off: "Auf diesem Server wird nicht gezählt (NAHBAR_INSIGHTS=off).",
    ranges_label: "Zeitraum",
    range: "{n} Tage",
    views: "Seitenaufrufe",
    visitors: "Besucher",
    visitors_help: "Verschiedene Besucher je Tag, zusammengezählt.",
    routes: "Wegbeschreibungen",
    calls: "Anrufe",
    web: "Klicks auf deine Website",
    scans: "QR-Code-Scans",
    feed_readers: "Feed-Leser",
    calendar_readers: "Kalender-Abos",
    per_day_help: "Verschiedene Abrufer am stärksten Tag des Zeitraums.",
    chart_heading: "Aufrufe und Besucher pro Tag",
    chart_label: "Balken: Seitenaufrufe, Linie: Besucher. Die Zahlen stehen in der Tabelle.",
    day: "Tag",
    top_posts: "Meistgelesene Beiträge",
    referrers: "Woher Besucher kamen",
    scan_sources: "Scans nach Herkunft",
    nothing_yet: "Noch nichts gezählt.",
    last_year: "Derselbe Zeitraum vor einem Jahr: {views} Seitenaufrufe, {visitors} Besucher.",
    no_last_year: "Für denselben Zeitraum vor einem Jahr gibt es keine Zahlen.",
    door: "Türschild",
    poster: "Aushang",
    qr: "QR-Code",
    updated: "Die Zahlen von heute werden jede Minute ergänzt.",
};

pub const EN: InsightTexts = InsightTexts {
    link: "Insights",
    title: "{name}: insights",
    intro: "Counted without cookies and without a script: views of your pages, visitors per \
            day, taps on directions, call and website, scans of your QR codes. Search engines \
            and other bots do not count. Nobody is recognised from one day to the next.",
    counting_off: "This server does not count visits (NAHBAR_INSIGHTS=off).",
    ranges_label: "Period",
    range: "{n} days",
    views: "Page views",
    visitors: "Visitors",
    visitors_help: "Different visitors per day, added up.",
    routes: "Directions",
    calls: "Calls",
    web: "Taps on your website",
    scans: "QR code scans",
    feed_readers: "Feed readers",
    calendar_readers: "Calendar subscriptions",
    per_day_help: "Different fetchers on the busiest day of the period.",
    chart_heading: "Views and visitors per day",
    chart_label: "Bars: page views, line: visitors. The figures are in the table.",
    day: "Day",
    top_posts: "Most read posts",
    referrers: "Where visitors came from",
    scan_sources: "Scans by source",
    nothing_yet: "Nothing counted yet.",
    last_year: "The same days a year ago: {views} page views, {visitors} visitors.",
    no_last_year: "There are no figures for the same days a year ago.",
    door: "Door sign",
    poster: "Poster",
    qr: "QR code",
    updated: "Today's figures are brought up to date every minute.",
};

impl Lang {
    pub fn insights(self) -> &'static InsightTexts {
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }
}

impl InsightTexts {
    /// The name of a QR code's `src` tag.
    pub fn scan_source<'a>(&self, src: &'a str) -> &'a str {
        match src {
            "door" => self.door,
            "poster" => self.poster,
            "qr" => self.qr,
            other => other,
        }
    }
}
