//! The source's own words: the code table of every engine says what the domain says, and
//! files written with the labels of earlier versions still import.

use murmelglas::domain::{Code, Lang};
use murmelglas::export::Format;
use murmelglas::import::import_bytes;
use murmelglas::{Channel, Motive, Perspective, Phase, Purpose, Rating};

use crate::common::{all_contacts, temp_db};
use crate::pg;

/// Every (kind, id, code, German, English) the domain knows.
fn domain_codes() -> Vec<(String, i64, String, String, String)> {
    fn of<T: Code>() -> Vec<(String, i64, String, String, String)> {
        T::ALL
            .iter()
            .map(|v| {
                (
                    T::KIND.to_string(),
                    i64::from(v.db_id()),
                    v.code().to_string(),
                    v.label(Lang::De).to_string(),
                    v.label(Lang::En).to_string(),
                )
            })
            .collect()
    }
    let mut all = [
        of::<Rating>(),
        of::<Channel>(),
        of::<Phase>(),
        of::<Purpose>(),
        of::<Motive>(),
        of::<Perspective>(),
    ]
    .concat();
    all.sort();
    all
}

const CODES: &str = "SELECT kind, id, code, label_de, label_en FROM code WHERE kind IN \
     ('rating', 'channel', 'phase', 'purpose', 'motive', 'perspective') ORDER BY kind, id";

#[test]
fn the_code_table_of_every_engine_holds_the_domains_words() {
    let db = temp_db();
    let store = db.open();
    let conn = store.connection().expect("sqlite");
    let mut stmt = conn.prepare(CODES).expect("query");
    let mut file: Vec<(String, i64, String, String, String)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect();
    file.sort();
    assert_eq!(file, domain_codes());
    assert!(file.iter().any(|c| c.3 == "Nachkauf"));
    assert!(file.iter().any(|c| c.3 == "Betreuung"));
    assert!(file
        .iter()
        .any(|c| c.3 == "Anregungs- und Beschwerdemanagement"));

    let Some(server) = pg::database() else {
        return;
    };
    let mut client = postgres::Client::connect(&server.url, postgres::NoTls).expect("connect");
    let mut on_server: Vec<(String, i64, String, String, String)> = client
        .query(CODES, &[])
        .expect("query")
        .iter()
        .map(|r| {
            (
                r.get(0),
                i64::from(r.get::<_, i16>(1)),
                r.get(2),
                r.get(3),
                r.get(4),
            )
        })
        .collect();
    on_server.sort();
    assert_eq!(on_server, domain_codes());
}

#[test]
fn a_german_export_with_the_old_labels_still_imports() {
    let csv = "\u{feff}ID;Zeitpunkt;Bewertung;Phase;Zweck\r\n\
        0192f3a0-0000-7000-8000-0000000000a1;20.11.2026 10:00:00;Gold;Folgekauf;Unterstützung\r\n\
        0192f3a0-0000-7000-8000-0000000000a2;20.11.2026 11:00:00;08/15;Nachkauf;Anregungen & Beschwerden\r\n\
        0192f3a0-0000-7000-8000-0000000000a3;20.11.2026 12:00:00;08/15;Erstkauf;Anregungs- und Beschwerdemanagement\r\n";
    let db = temp_db();
    let mut store = db.open();
    import_bytes(&mut store, csv.as_bytes(), Format::Csv, "alt.csv").expect("import");
    let got: Vec<(Option<Phase>, Option<Purpose>)> = all_contacts(&store)
        .iter()
        .map(|c| (c.phase, c.purpose))
        .collect();
    assert_eq!(
        got,
        [
            (Some(Phase::FollowUpPurchase), Some(Purpose::Support)),
            (Some(Phase::FollowUpPurchase), Some(Purpose::Feedback)),
            (Some(Phase::FirstPurchase), Some(Purpose::Feedback)),
        ]
    );
    // Written out again, the source's words.
    let mut out = Vec::new();
    murmelglas::export::write_contacts(
        &store,
        &Default::default(),
        Format::Csv,
        Lang::De,
        &mut out,
    )
    .expect("export");
    let text = String::from_utf8(out).expect("utf-8");
    assert!(text.contains(";Nachkauf;Betreuung;"), "{text}");
    assert!(
        !text.contains("Folgekauf") && !text.contains("Unterstützung"),
        "{text}"
    );
}
