//! Members, invitations, sessions and the history of business data: the plain types the
//! store hands out and the rules about them (who may be changed, how long a link lives).

use crate::domain::hours::WeeklyHours;
use crate::domain::location::{
    BusinessId, Location, LocationDetails, LocationId, NewPoiInput, Role, UserId,
};
use crate::domain::schedule::{HolidayRule, OpeningHours, SpecialHours};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One person's membership, as the owner's team screen lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: UserId,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub since: DateTime<Utc>,
}

/// How long an invitation link may be used; the owner picks one of these.
pub const INVITATION_DAYS: &[i64] = &[1, 7];
pub const DEFAULT_INVITATION_DAYS: i64 = 7;

/// An invitation that has not been used, revoked or outlived.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: i64,
    pub business_id: BusinessId,
    pub business_name: String,
    pub role: Role,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Why a team change is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamProblem {
    /// The business would be left without an owner.
    LastOwner,
}

/// Whether changing `target`'s role to `new_role` (or removing them, `None`) leaves the
/// business with an owner.
pub fn check_team_change(
    members: &[Member],
    target: UserId,
    new_role: Option<Role>,
) -> Result<(), TeamProblem> {
    let owners_after = members
        .iter()
        .filter(|m| {
            if m.user_id == target { new_role == Some(Role::Owner) } else { m.role == Role::Owner }
        })
        .count();
    if owners_after == 0 { Err(TeamProblem::LastOwner) } else { Ok(()) }
}

/// One signed-in browser of the viewer, for "your sessions".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// A short public handle (the start of the token's hash): enough to end it, useless to
    /// sign in with.
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub user_agent: String,
    pub ip: String,
    pub current: bool,
}

/// Characters of the token hash that name a session in URLs and forms.
pub const SESSION_ID_CHARS: usize = 16;

/// A readable name for a browser from its User-Agent: "Chrome on Android".
pub fn describe_user_agent(agent: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("SamsungBrowser", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(needle, _)| agent.contains(needle))
    .map(|(_, name)| *name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| agent.contains(needle))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(b), None) => b.to_string(),
        (None, Some(s)) => s.to_string(),
        (None, None) if agent.is_empty() => "?".to_string(),
        (None, None) => agent.chars().take(40).collect(),
    }
}

/// Who made a change and from where, for the audit log.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: Option<UserId>,
    pub name: String,
    pub ip: String,
    pub user_agent: String,
}

/// One change to business data, as it is logged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub business_id: BusinessId,
    pub location_id: Option<LocationId>,
    /// What happened, a stable code such as `poi.add` (the log shows it translated).
    pub action: String,
    /// Free detail: the POI's name, the member's email, the restored revision.
    pub detail: String,
}

/// An entry of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub location_id: Option<LocationId>,
    pub location_name: Option<String>,
    pub detail: String,
    pub ip: String,
    pub user_agent: String,
}

/// The parts of a location that keep a revision history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RevisionKind {
    Details,
    Hours,
    Pois,
}

impl RevisionKind {
    pub const ALL: [RevisionKind; 3] =
        [RevisionKind::Details, RevisionKind::Hours, RevisionKind::Pois];

    pub fn as_str(self) -> &'static str {
        match self {
            RevisionKind::Details => "details",
            RevisionKind::Hours => "hours",
            RevisionKind::Pois => "pois",
        }
    }

    pub fn parse(text: &str) -> Option<RevisionKind> {
        RevisionKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One saved version of a location's details, hours or POIs (a JSON snapshot).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub id: i64,
    pub location_id: LocationId,
    pub kind: RevisionKind,
    pub data: String,
    pub created_at: DateTime<Utc>,
    /// Who made it (empty for the state before the first logged change).
    pub actor: String,
    pub action: String,
}

/// The opening hours part of a location, as a revision keeps it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HoursSnapshot {
    pub weekly: WeeklyHours,
    pub special: Vec<SpecialHours>,
    pub holiday_rule: HolidayRule,
    /// Left out when empty, so revisions from before rules were kept read the same.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<crate::domain::rules::Rule>,
}

impl HoursSnapshot {
    pub fn into_opening_hours(self) -> OpeningHours {
        OpeningHours {
            weekly: self.weekly,
            special: self.special,
            holiday_rule: self.holiday_rule,
            rules: self.rules,
            region: String::new(),
            ..OpeningHours::default()
        }
    }
}

/// One part of a location as JSON, without database ids (a restored special day or POI
/// gets a new id but is the same version).
pub fn snapshot(location: &Location, kind: RevisionKind) -> String {
    let json = match kind {
        RevisionKind::Details => serde_json::to_string(&location.details),
        RevisionKind::Hours => serde_json::to_string(&HoursSnapshot {
            weekly: location.hours.clone(),
            special: location.special.iter().map(|s| SpecialHours { id: 0, ..s.clone() }).collect(),
            holiday_rule: location.holiday_rule.clone(),
            rules: location.rules.clone(),
        }),
        RevisionKind::Pois => serde_json::to_string(
            &location
                .pois
                .iter()
                .map(|p| NewPoiInput {
                    name: p.name.clone(),
                    kind: p.kind,
                    point: p.point,
                    note: p.note.clone(),
                    public: p.public,
                })
                .collect::<Vec<_>>(),
        ),
    };
    json.unwrap_or_default()
}

/// A revision's content, read back for restoring or showing it.
#[derive(Clone, Debug, PartialEq)]
pub enum Snapshot {
    Details(LocationDetails),
    Hours(HoursSnapshot),
    Pois(Vec<NewPoiInput>),
}

impl Revision {
    pub fn snapshot(&self) -> Option<Snapshot> {
        match self.kind {
            RevisionKind::Details => serde_json::from_str(&self.data).ok().map(Snapshot::Details),
            RevisionKind::Hours => serde_json::from_str(&self.data).ok().map(Snapshot::Hours),
            RevisionKind::Pois => serde_json::from_str(&self.data).ok().map(Snapshot::Pois),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: UserId, role: Role) -> Member {
        Member {
            user_id: id,
            display_name: format!("M{id}"),
            email: String::new(),
            role,
            since: Utc::now(),
        }
    }

    #[test]
    fn a_business_always_keeps_an_owner() {
        let team = [member(1, Role::Owner), member(2, Role::Staff)];
        assert_eq!(check_team_change(&team, 1, None), Err(TeamProblem::LastOwner));
        assert_eq!(check_team_change(&team, 1, Some(Role::Manager)), Err(TeamProblem::LastOwner));
        assert_eq!(check_team_change(&team, 2, None), Ok(()));
        assert_eq!(check_team_change(&team, 2, Some(Role::Owner)), Ok(()));
        let two_owners = [member(1, Role::Owner), member(2, Role::Owner)];
        assert_eq!(check_team_change(&two_owners, 1, None), Ok(()));
    }

    #[test]
    fn browsers_get_a_readable_name() {
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
        assert_eq!(describe_user_agent(android), "Chrome · Android");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(describe_user_agent(iphone), "Safari · iPhone");
        assert_eq!(describe_user_agent(""), "?");
        assert_eq!(describe_user_agent("curl/8.0"), "curl/8.0");
    }

    #[test]
    fn revision_kinds_round_trip() {
        for kind in RevisionKind::ALL {
            assert_eq!(RevisionKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(RevisionKind::parse("posts"), None);
    }
}
