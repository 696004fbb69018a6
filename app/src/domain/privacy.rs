//! The facts a privacy notice (Datenschutzerklärung) is written from: who is responsible,
//! where the server runs, and what this installation of Nahbar really does (map tiles on
//! request, federation, object storage, counting, questions). The owner supplies only the
//! hosting provider and their own paragraphs; the rest comes from the imprint and the
//! server's configuration, so the notice cannot promise what the software does not keep.
//! `i18n::privacy` words it.

use super::imprint::Country;
use serde::{Deserialize, Serialize};

/// Longest hosting provider (name and address) the owner's form accepts.
pub const MAX_HOSTING_CHARS: usize = 300;
/// Longest text of the owner's own paragraphs.
pub const MAX_EXTRA_CHARS: usize = 5000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrivacyFacts {
    /// The controller (Verantwortlicher): lines such as legal name, street, "PLZ Ort",
    /// country; from the imprint.
    pub controller: Vec<String>,
    pub controller_email: String,
    /// Where the business is established: decides the law the notice cites and the
    /// supervisory authority it names.
    pub country: Country,
    /// The hosting provider the owner names, e.g. "Hetzner Online GmbH, Industriestr. 25,
    /// 91710 Gunzenhausen". Empty: the owner runs the server themselves.
    pub hosting: String,
    /// Host name of the map tile server (`tile.openstreetmap.org`); the customer's browser
    /// asks it only after pressing "Show map". Empty: no map.
    pub tile_host: String,
    /// Whether the locations can be followed from the fediverse.
    pub federation: bool,
    /// Photos are kept in S3-compatible object storage instead of the server's disk.
    pub object_storage: bool,
    /// Days a daily visit count is kept, when Nahbar counts page views (counted on the
    /// server without cookies, no IP address stored). `None`: nothing is counted.
    pub visit_counts_days: Option<u32>,
    /// Days a customer's question (text, and name and e-mail address if given) is kept
    /// after it is answered. `None`: there is no question form.
    pub questions_days: Option<u32>,
    /// The owner's own paragraphs, separated by blank lines.
    pub extra: String,
}

/// `Country` has no default; a notice without a country uses the general (GDPR) wording.
impl Default for PrivacyFacts {
    fn default() -> Self {
        PrivacyFacts {
            controller: Vec::new(),
            controller_email: String::new(),
            country: Country::Other,
            hosting: String::new(),
            tile_host: String::new(),
            federation: false,
            object_storage: false,
            visit_counts_days: None,
            questions_days: None,
            extra: String::new(),
        }
    }
}

/// The data protection law the notice cites.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PrivacyLaw {
    /// The GDPR (DSGVO): Germany, Austria and, as the general set, every other country.
    Gdpr,
    /// Switzerland's Federal Act on Data Protection (DSG, in force since 1 September 2023).
    /// It needs no legal basis for each processing, so the notice cites none; its rights
    /// and its commissioner (EDÖB) differ from the GDPR's.
    SwissDsg,
}

impl PrivacyFacts {
    pub fn law(&self) -> PrivacyLaw {
        match self.country {
            Country::Ch => PrivacyLaw::SwissDsg,
            Country::De | Country::At | Country::Other => PrivacyLaw::Gdpr,
        }
    }

    /// The controller's lines without blank ones, trimmed.
    pub fn controller_lines(&self) -> Vec<&str> {
        self.controller.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect()
    }

    /// The e-mail address to write to, if any.
    pub fn email(&self) -> Option<&str> {
        non_empty(&self.controller_email)
    }

    /// The named hosting provider; `None` when the owner runs the server themselves.
    pub fn hosting_provider(&self) -> Option<&str> {
        non_empty(&self.hosting)
    }

    /// The tile server's host; `None` when there is no customer map.
    pub fn map_host(&self) -> Option<&str> {
        non_empty(&self.tile_host)
    }

    /// The owner's paragraphs, split on blank lines, in order. The lines inside a
    /// paragraph stay together (joined by `\n`).
    pub fn extra_paragraphs(&self) -> Vec<String> {
        let mut paragraphs = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        for line in self.extra.lines().map(str::trim) {
            if line.is_empty() {
                if !current.is_empty() {
                    paragraphs.push(current.join("\n"));
                    current.clear();
                }
            } else {
                current.push(line);
            }
        }
        if !current.is_empty() {
            paragraphs.push(current.join("\n"));
        }
        paragraphs
    }
}

fn non_empty(value: &str) -> Option<&str> {
    Some(value.trim()).filter(|v| !v.is_empty())
}

#[cfg(test)]
#[path = "privacy_tests.rs"]
mod tests;
