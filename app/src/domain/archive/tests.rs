use super::*;

#[test]
fn every_table_is_ordered_by_columns_it_has_and_numbered_tables_have_an_id() {
    for table in TABLES {
        for part in table.order.split(", ") {
            assert!(
                table.columns.iter().any(|c| c.name == part),
                "{}: orders by {part}",
                table.name
            );
        }
        assert_eq!(
            table.numbered(),
            table.columns.iter().any(|c| c.name == "id"),
            "{}",
            table.name
        );
    }
}

#[test]
fn references_come_before_what_refers_to_them() {
    let position = |name: &str| TABLES.iter().position(|t| t.name == name).expect(name);
    for (table, refers_to) in [
        ("locations", "businesses"),
        ("memberships", "users"),
        ("posts", "locations"),
        ("posts", "users"),
        ("post_photos", "posts"),
        ("post_photos", "media"),
        ("location_images", "media"),
        ("revisions", "audit_log"),
        ("announced_specials", "special_hours"),
        ("questions", "posts"),
        ("fediverse_messages", "posts"),
    ] {
        assert!(position(refers_to) < position(table), "{table} before {refers_to}");
    }
}

#[test]
fn secrets_are_left_out_unless_asked_for() {
    let users = table("users").expect("users");
    assert!(!users.select(false).contains("password_hash"));
    assert!(users.select(true).contains("password_hash"));
    let keys = table("actor_keys").expect("keys");
    assert_eq!(keys.columns(false).count(), 2);
}

#[test]
fn the_schema_names_every_table_and_requires_every_open_column() {
    let schema = json_schema();
    let tables = &schema["properties"]["tables"]["properties"];
    assert_eq!(tables.as_object().map(|t| t.len()), Some(TABLES.len()));
    let users = &tables["users"]["items"];
    let required: Vec<&str> =
        users["required"].as_array().expect("required").iter().filter_map(|v| v.as_str()).collect();
    assert!(required.contains(&"email") && !required.contains(&"password_hash"));
    assert_eq!(
        tables["posts"]["items"]["properties"]["valid_until"]["type"],
        json!(["string", "null"])
    );
}

#[test]
fn a_row_reads_back_to_the_same_cells_and_bad_values_are_named() {
    let table = table("special_hours").expect("special");
    let at = DateTime::parse_from_rfc3339("2026-12-05T14:00:00.123456789Z")
        .expect("at")
        .with_timezone(&Utc);
    let read = vec![
        Cell::Int(Some(3)),
        Cell::Int(Some(1)),
        Cell::Date(NaiveDate::from_ymd_opt(2026, 12, 24)),
        Cell::Date(NaiveDate::from_ymd_opt(2026, 12, 26)),
        Cell::Text(Some(String::new())),
        Cell::Text(Some("Weihnachten".into())),
        Cell::Time(Some(at)),
        Cell::Time(Some(at)),
    ];
    let json = row(table, false, read.clone());
    assert_eq!(json["created_at"], json!("2026-12-05T14:00:00.123456Z"));
    assert_eq!(json["starts_on"], json!("2026-12-24"));
    let back = cells(table, &json).expect("cells");
    assert_eq!(back[2..6], read[2..6]);
    assert_eq!(back[6], Cell::Time(Some(at.trunc_subsecs(6))));

    let mut bad = json.clone();
    bad.insert("starts_on".into(), json!("24.12.2026"));
    assert_eq!(cells(table, &bad), Err("starts_on must be a date such as 2026-12-24".into()));
    let mut extra = json.clone();
    extra.insert("colour".into(), json!("red"));
    assert_eq!(cells(table, &extra), Err("unknown column colour".into()));
    let mut gap = json;
    gap.remove("note");
    assert_eq!(cells(table, &gap), Err("note is missing".into()));
}

#[test]
fn an_account_without_its_secret_gets_no_usable_password() {
    let users = table("users").expect("users");
    let mut json = Row::new();
    for (name, value) in [
        ("id", json!(1)),
        ("email", json!("a@b.example")),
        ("display_name", json!("A")),
        ("created_at", json!("2026-01-01T00:00:00Z")),
        ("updated_at", json!("2026-01-01T00:00:00Z")),
        ("weekly_summary", json!(false)),
        ("summary_lang", json!("de")),
        ("summary_sent_at", Value::Null),
    ] {
        json.insert(name.into(), value);
    }
    let read = cells(users, &json).expect("cells");
    assert_eq!(read[3], Cell::Text(Some(String::new())));
}
