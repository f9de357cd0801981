//! The team's service rules: shipped with ten short defaults in both languages, reworded,
//! added to and retired on every engine; one rule of the week, the same all week.

use chrono::NaiveDate;
use murmelglas::cycle::rule_of_week;
use murmelglas::store::StoreError;
use murmelglas::Lang;

use crate::common::{cli, temp_db};
use crate::engines::each;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

#[test]
fn rules_are_shipped_reworded_added_and_retired_on_every_engine() {
    each(|store| {
        let de = store.list_rules(Lang::De).expect("rules");
        let en = store.list_rules(Lang::En).expect("rules");
        assert_eq!(de.len(), 10);
        assert!(de
            .iter()
            .chain(&en)
            .all(|r| r.shipped && r.retired_on.is_none()));
        assert_eq!(de[0].text, "Wir halten jedes Versprechen.");
        assert_eq!(en[6].text, "Customers expect solutions, not explanations.");
        let first = de[0].id;
        let reworded = store
            .reword_rule(first, "  Versprochen ist versprochen. ", Lang::En)
            .expect("reword");
        assert_eq!(reworded.text, "Versprochen ist versprochen.");
        assert!(!reworded.shipped);
        let own = store
            .add_rule("Wir rufen zurück, bevor der Kunde nachfragt.")
            .expect("add");
        assert!(!own.shipped);
        store
            .retire_rule(de[1].id, Some(day(11, 20)), Lang::De)
            .expect("retire");
        assert!(matches!(store.add_rule("  "), Err(StoreError::Cycle(_))));
        assert!(matches!(
            store.reword_rule(999, "x", Lang::De),
            Err(StoreError::Cycle(_))
        ));
        let rules = store.list_rules(Lang::En).expect("rules");
        assert_eq!(rules.len(), 11);
        assert_eq!(rules[1].retired_on, Some(day(11, 20)));
        // One rule all week, the next one the week after; a retired rule is not chosen.
        let week: Vec<i64> = (23..=29)
            .map(|d| rule_of_week(&rules, day(11, d)).expect("a rule").id)
            .collect();
        assert!(week.iter().all(|id| *id == week[0]), "{week:?}");
        let weeks: Vec<i64> = (0..11)
            .map(|w| {
                rule_of_week(&rules, day(11, 23) + chrono::Days::new(7 * w))
                    .expect("a rule")
                    .id
            })
            .collect();
        assert!(!weeks.contains(&rules[1].id), "{weeks:?}");
        let distinct: std::collections::BTreeSet<_> = weeks.iter().collect();
        assert_eq!(
            distinct.len(),
            10,
            "each rule in use takes its turn: {weeks:?}"
        );
        store
            .retire_rule(rules[1].id, None, Lang::En)
            .expect("restore");
        store.list_rules(Lang::En).expect("rules")
    });
}

#[test]
fn the_cli_lists_adds_rewords_retires_and_names_the_rule_of_the_week() {
    let db = temp_db();
    let run = |args: &[&str]| {
        let out = cli(&db.path).args(args).output().expect("run");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let list = run(&["rule", "list"]);
    assert_eq!(list.lines().count(), 10);
    assert!(
        list.starts_with("   1  Wir halten jedes Versprechen.\n"),
        "{list}"
    );
    assert!(run(&["rule", "list", "--lang", "en"]).contains("We keep every promise."));
    assert_eq!(
        run(&["rule", "add", "Wir nennen unseren Namen."]),
        "Added rule 11: Wir nennen unseren Namen.\n"
    );
    assert_eq!(
        run(&["rule", "reword", "2", "Verspätung? Sofort Bescheid sagen."]),
        "Rule 2 now reads: Verspätung? Sofort Bescheid sagen.\n"
    );
    run(&["rule", "retire", "3"]);
    let list = run(&["rule", "list"]);
    assert_eq!(list.lines().count(), 10);
    assert!(!list.contains("Kein glattes Nein"), "{list}");
    assert!(run(&["rule", "list", "--all"]).contains("(retired "));
    let json: serde_json::Value =
        serde_json::from_str(&run(&["rule", "list", "--format", "json"])).expect("json");
    assert_eq!(json[1]["shipped"], false);
    let week = run(&["rule", "week", "--week", "2026-W47"]);
    assert_eq!(week.lines().count(), 1);
    assert_eq!(week, run(&["rule", "week", "--week", "2026-W47"]));
    assert_ne!(week, run(&["rule", "week", "--week", "2026-W48"]));
}
