use super::*;
use crate::domain::gbp_csv::test_support::*;

#[test]
fn an_import_plan_updates_by_store_code_creates_the_rest_and_refuses_what_it_cannot_apply() {
    let existing = location();
    let mut archived = location();
    archived.id = 2;
    archived.slug = "alt".into();
    archived.details.branch_code = "OLD".into();
    archived.archived = true;
    let mut codeless = location();
    codeless.id = 3;
    codeless.slug = "ohne-code".into();
    codeless.details.branch_code = String::new();
    let locations = [existing.clone(), archived, codeless];
    let taken: HashSet<String> =
        ["sonnenschein-freiburg", "alt", "ohne-code", "fremd"].map(String::from).into();
    let cells = cells_of(&existing);
    let same = parse_row(2, |c| Some(&cells[c.index()])).expect("valid");
    let mut changed = same.clone();
    changed.line = 3;
    changed.details.phone = "0761 99".into();
    let new = row(&minimal()).expect("valid");
    let mut adopt = row(&with(minimal(), &[(Column::NahbarSlug, "ohne-code")])).expect("valid");
    adopt.branch_code = "NEU".into();
    adopt.details.branch_code = "NEU".into();

    let rows = [same.clone(), new.clone(), adopt];
    let steps = plan_import(&locations, taken.clone(), &rows).expect("plan");
    assert_eq!(steps[0], ImportStep::Unchanged(1), "a re-imported export changes nothing");
    assert!(
        matches!(&steps[1], ImportStep::Create { slug, .. } if slug.as_str() == "baeckerei-sonnenschein-freiburg")
    );
    assert!(
        matches!(&steps[2], ImportStep::Update(u) if u.id == 3 && u.details.branch_code == "NEU" && u.special.is_none())
    );
    let steps =
        plan_import(&locations, taken.clone(), std::slice::from_ref(&changed)).expect("plan");
    assert!(
        matches!(&steps[0], ImportStep::Update(u) if u.id == 1 && u.hours.is_none() && u.special.is_none())
    );

    let mut moved = same.clone();
    moved.slug = Some(Slug::parse("neuer-name").expect("slug"));
    let mut revived = new.clone();
    revived.line = 4;
    revived.branch_code = "OLD".into();
    let mut squatter = new;
    squatter.line = 5;
    squatter.branch_code = "X".into();
    squatter.slug = Some(Slug::parse("fremd").expect("slug"));
    let refused = plan_import(&locations, taken, &[moved, revived, squatter]).expect_err("refused");
    assert_eq!(
        refused.iter().map(|e| (e.line, e.column, e.problem)).collect::<Vec<_>>(),
        [
            (2, Some(Column::NahbarSlug), Problem::SlugFixed),
            (4, Some(Column::StoreCode), Problem::StoreCodeArchived),
            (5, Some(Column::NahbarSlug), Problem::SlugTaken),
        ]
    );
}
