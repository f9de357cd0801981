//! One store suite for every engine: the same calls on a SQLite file and on a PostgreSQL
//! database give the same answers, and the CLI writes byte-identical stats, exports and
//! reports for the same contacts.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use murmelglas::breakdown::ReviewFilter;
use murmelglas::domain::ContactDraft;
use murmelglas::export::Format;
use murmelglas::import::import_bytes;
use murmelglas::review::{self, ReviewQuery};
use murmelglas::store::{upload, HistoryQuery, PostgresStore, ServerProblem, Store, StoreError};
use murmelglas::{Channel, Contact, Motive, Rating, Settings};

use crate::common::{all_contacts, bytes, cli, temp_db, TempDb};
use crate::pg::{self, PgDb};

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("RFC 3339")
}

/// The engines a test runs on: a SQLite file, and PostgreSQL where a server runs.
struct Engines {
    _file: TempDb,
    _server: Option<PgDb>,
    stores: Vec<(&'static str, Store)>,
}

fn engines() -> Engines {
    let file = temp_db();
    let mut stores = vec![("sqlite", file.open())];
    let server = pg::database();
    if let Some(db) = &server {
        stores.push((
            "postgres",
            Store::open_server(&db.url).expect("open server"),
        ));
    }
    Engines {
        _file: file,
        _server: server,
        stores,
    }
}

/// Runs `f` on every engine and returns what each gave, for comparing (the feedback and
/// cycle suites use it too).
pub(crate) fn each<T: std::fmt::Debug + PartialEq>(f: impl Fn(&mut Store) -> T) -> Vec<T> {
    let mut e = engines();
    let results: Vec<T> = e.stores.iter_mut().map(|(_, s)| f(s)).collect();
    if let [first, rest @ ..] = results.as_slice() {
        for (other, (name, _)) in rest.iter().zip(&e.stores[1..]) {
            assert_eq!(first, other, "{name} differs from sqlite");
        }
    }
    results
}

fn contact(id: u128, time: &str, rating: Rating) -> Contact {
    let mut c = Contact::new(rating, at(time));
    c.id = uuid::Uuid::from_u128(id);
    c
}

#[test]
fn contacts_round_trip_on_every_engine() {
    each(|store| {
        store.insert_member("Jörg").expect("member");
        let mut full = contact(1, "2026-11-20T10:15:00+05:30", Rating::Golden);
        full.logged_at = at("2026-11-20T04:50:00+00:00");
        full.member = Some("jörg".into());
        full.channel = Some(Channel::Phone);
        full.motives = [Motive::Speed, Motive::AddedValue].into();
        full.note = Some("Tab\tund\nZeile, \\ und \"Zitat\"".into());
        full.share_in_review = true;
        full.nps = Some(9);
        store.insert_contact(&full).expect("insert");
        let bare = contact(2, "2026-10-25T02:30:00+01:00", Rating::Ordinary);
        store.insert_contact(&bare).expect("insert");
        assert!(matches!(
            store.insert_contact(&bare),
            Err(StoreError::DuplicateContact(_))
        ));
        let mut unknown = contact(3, "2026-11-20T10:00:00+01:00", Rating::Golden);
        unknown.member = Some("Niemand".into());
        assert!(matches!(
            store.insert_contact(&unknown),
            Err(StoreError::UnknownMember(_))
        ));
        let got = store.get_contact(full.id).expect("get").expect("found");
        assert_eq!(got.member.as_deref(), Some("Jörg"), "the stored spelling");
        let mut changed = got.clone();
        changed.rating = Rating::Ordinary;
        changed.occurred_at = at("2026-11-21T09:00:00+01:00");
        store.update_contact(&changed).expect("update");
        let deleted = store.delete_contact(bare.id).expect("delete");
        assert_eq!(deleted, bare);
        store.put_contact(&deleted).expect("put back");
        let days: Vec<_> = store
            .daily_counts(None, None)
            .expect("days")
            .iter()
            .map(|d| (d.day, d.total, d.golden))
            .collect();
        (
            all_contacts(store),
            days,
            store.count_contacts().expect("count"),
        )
    });
}

#[test]
fn members_and_settings_on_every_engine() {
    each(|store| {
        store.insert_member("  Anna ").expect("trimmed");
        store.insert_member("bernd").expect("member");
        assert!(matches!(
            store.insert_member("ANNA"),
            Err(StoreError::MemberExists(_))
        ));
        store
            .rename_member("bernd", "Bernd")
            .expect("same name, new case");
        store.set_member_active("Anna", false).expect("deactivate");
        store.insert_member("Änne").expect("member");
        let active: Vec<String> = store
            .list_members(false)
            .expect("list")
            .into_iter()
            .map(|m| m.name)
            .collect();
        let all: Vec<(String, bool)> = store
            .list_members(true)
            .expect("list")
            .into_iter()
            .map(|m| (m.name, m.active))
            .collect();
        let settings = Settings {
            team_name: "Filiale Nord".into(),
            default_channel: Some(Channel::InPerson),
            hide_team_jar: true,
            story_retention_months: Some(12),
            ..Settings::default()
        };
        store.update_settings(&settings).expect("save");
        assert_eq!(store.get_settings().expect("load"), settings);
        (active, all)
    });
}

#[test]
fn logging_undo_and_anonymous_only_on_every_engine() {
    each(|store| {
        store.insert_member("Ana").expect("member");
        let now = at("2026-11-23T14:00:00+01:00");
        let mut draft = ContactDraft::new(Rating::Golden);
        draft.occurred_at = Some(now - Duration::hours(1));
        draft.member = Some("Ana".into());
        let logged = store
            .log_contact(draft.clone(), now - Duration::minutes(2))
            .expect("log");
        let imported = {
            let mut c = contact(9, "2026-11-23T12:00:00+01:00", Rating::Ordinary);
            c.logged_at = now;
            c
        };
        store.insert_contact(&imported).expect("insert");
        assert_eq!(store.undo_last(now).expect("undo").id, logged.id);
        assert!(matches!(
            store.undo_last(now),
            Err(StoreError::NothingToUndo)
        ));
        let mut settings = store.get_settings().expect("settings");
        settings.anonymous_only = true;
        store.update_settings(&settings).expect("save");
        let anonymous = store.log_contact(draft, now).expect("log");
        assert_eq!(anonymous.member, None);
        assert_eq!(
            store
                .get_contact(anonymous.id)
                .expect("get")
                .expect("found")
                .member,
            None
        );
        all_contacts(store).len()
    });
}

/// 350 contacts over three weeks with tags, members and stories (umlauts, `%`, `_`).
fn fill(store: &mut Store) -> Vec<Contact> {
    for name in ["Ana", "Ben", "Cem"] {
        store.insert_member(name).expect("member");
    }
    let notes = [
        "Großer ÄRGER am Telefon",
        "sehr zufrieden",
        "100% pünktlich",
        "a_b c",
        "Straße gesperrt",
    ];
    let mut out = Vec::new();
    for i in 0..350u32 {
        let day = 1 + i / 20;
        let mut c = contact(
            1000 + u128::from(i),
            &format!(
                "2026-11-{day:02}T{:02}:{:02}:00+01:00",
                8 + (i % 9),
                (i * 7) % 60
            ),
            if i % 3 == 0 {
                Rating::Golden
            } else {
                Rating::Ordinary
            },
        );
        c.member = match i % 4 {
            0 => Some("Ana".into()),
            1 => Some("Ben".into()),
            2 => Some("Cem".into()),
            _ => None,
        };
        c.channel = [None, Some(Channel::Phone), Some(Channel::InPerson)][(i % 3) as usize];
        if i % 5 == 0 {
            c.motives = BTreeSet::from([Motive::Speed]);
        }
        if i % 7 == 0 {
            c.note = Some(notes[(i / 7) as usize % notes.len()].into());
            c.share_in_review = i % 2 == 0;
        }
        if i % 11 == 0 {
            c.nps = Some((i % 11) as u8);
        }
        store.insert_contact(&c).expect("insert");
        out.push(c);
    }
    out
}

#[test]
fn history_pages_counts_and_story_search_agree_on_every_engine() {
    each(|store| {
        fill(store);
        let queries = [
            HistoryQuery::default(),
            HistoryQuery {
                rating: Some(Rating::Golden),
                channel: Some(Channel::Phone),
                ..HistoryQuery::default()
            },
            HistoryQuery {
                motive: Some(Motive::Speed),
                member: Some("ana".into()),
                ..HistoryQuery::default()
            },
            HistoryQuery {
                from: NaiveDate::from_ymd_opt(2026, 11, 3),
                to: NaiveDate::from_ymd_opt(2026, 11, 9),
                ..HistoryQuery::default()
            },
        ]
        .into_iter()
        .chain(
            [
                "ärger",
                "ÄRGER",
                "straße",
                "100%",
                "a_b",
                "%",
                "_",
                "zufrieden",
                "xyz",
            ]
            .into_iter()
            .map(|t| HistoryQuery {
                text: Some(t.into()),
                ..HistoryQuery::default()
            }),
        );
        let mut out = Vec::new();
        for q in queries {
            let count = store.history_count(&q).expect("count");
            let mut ids = Vec::new();
            let mut after = None;
            loop {
                let page = store.history_page(&q, after, 37).expect("page");
                ids.extend(page.contacts.iter().map(|c| c.id));
                match page.next {
                    Some(next) => after = Some(next),
                    None => break,
                }
            }
            assert_eq!(ids.len() as u64, count, "{q:?}");
            out.push((count, ids));
        }
        out
    });
}

#[test]
fn the_review_and_drill_down_agree_on_every_engine() {
    each(|store| {
        fill(store);
        let from = NaiveDate::from_ymd_opt(2026, 11, 9).expect("date");
        let to = NaiveDate::from_ymd_opt(2026, 11, 15).expect("date");
        let team = ReviewQuery {
            from,
            to,
            ..ReviewQuery::default()
        };
        let phone = ReviewQuery {
            filter: ReviewFilter {
                channel: Some(Channel::Phone),
                ..ReviewFilter::default()
            },
            ..team.clone()
        };
        let mine = ReviewQuery {
            member: Some("Ben".into()),
            ..team.clone()
        };
        let reviews: Vec<_> = [&team, &phone, &mine]
            .iter()
            .map(|q| review::review(store, q).expect("review"))
            .collect();
        let drills: Vec<_> = [
            "channel:phone",
            "rating:golden",
            "heat:0:9",
            "motive:speed:golden",
        ]
        .iter()
        .map(|k| review::drill(store, &team, k).map_err(|e| e.to_string()))
        .collect();
        (
            reviews.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>(),
            format!("{drills:?}"),
        )
    });
}

#[test]
fn data_protection_on_every_engine() {
    each(|store| {
        let contacts = fill(store);
        let data = store.member_data("ana").expect("data");
        assert!(data
            .contacts
            .iter()
            .all(|c| c.member.as_deref() == Some("Ana")));
        let erased = store.erase_member("Ana").expect("erase");
        let purged = store
            .purge_stories_before(NaiveDate::from_ymd_opt(2026, 11, 10).expect("date"))
            .expect("purge");
        let named = store.count_named_contacts().expect("named");
        let stripped = store.strip_members().expect("strip");
        assert_eq!(named, stripped);
        let search = store
            .history_count(&HistoryQuery {
                text: Some("zufrieden".into()),
                ..HistoryQuery::default()
            })
            .expect("search");
        (
            data.contacts.len(),
            erased,
            purged,
            stripped,
            search,
            all_contacts(store).len(),
            contacts.len(),
            store.get_settings().expect("settings").anonymous_only,
        )
    });
}

#[test]
fn bulk_import_on_every_engine() {
    let csv = "id,occurred_at,member,rating,note\n\
        0192f3a0-0000-7000-8000-000000000001,2026-11-20T10:00:00+01:00,Ana,golden,\"Zeile 1\nZeile 2\ttab \\\\ back\"\n\
        0192f3a0-0000-7000-8000-000000000002,2026-11-20T11:00:00+01:00,ANA,08/15,\n\
        0192f3a0-0000-7000-8000-000000000002,2026-11-20T11:00:00+01:00,ana,08/15,\n\
        ,2026-11-21T11:00:00+01:00,Ben,08/15,ohne id\n";
    each(|store| {
        let first = import_bytes(store, csv.as_bytes(), Format::Csv, "a.csv").expect("import");
        let again = import_bytes(store, csv.as_bytes(), Format::Csv, "a.csv").expect("import");
        let days: Vec<_> = store
            .daily_counts(None, None)
            .expect("days")
            .iter()
            .map(|d| (d.day, d.total))
            .collect();
        (first, again, all_contacts(store), days)
    });
}

/// Rising new ids take the bulk paths' fast lane (several rows a statement, no lookup of
/// present ids); ids out of order, given twice or already there take the careful one. Both
/// engines must count and keep the same contacts either way.
#[test]
fn fast_and_careful_import_paths_agree_on_every_engine() {
    let row = |i: u32| {
        let note = if i % 7 == 0 {
            format!("Geschichte {i}")
        } else {
            String::new()
        };
        format!(
            "0192f3a0-0000-7000-8000-{i:012x},2026-11-{:02}T10:{:02}:00+01:00,M{},golden,{note}\n",
            1 + i / 60 % 28,
            i % 60,
            i % 5
        )
    };
    let csv = |ids: &mut dyn Iterator<Item = u32>| {
        let mut text = String::from("id,occurred_at,member,rating,note\n");
        for i in ids {
            text.push_str(&row(i));
        }
        text
    };
    // Rising, then one present, one twice, and a rising run above.
    let first = csv(&mut (1..=300).chain([150, 301, 301]).chain(1000..1100));
    // All below the greatest id: some new, one present.
    let second = csv(&mut (500..700).chain([7]));
    let results = each(|store| {
        let a = import_bytes(store, first.as_bytes(), Format::Csv, "a.csv").expect("first");
        let b = import_bytes(store, second.as_bytes(), Format::Csv, "b.csv").expect("second");
        let stories = store
            .history_page(
                &HistoryQuery {
                    text: Some("geschichte".into()),
                    ..Default::default()
                },
                None,
                1000,
            )
            .expect("story search")
            .contacts
            .len();
        (
            (a.added, a.already_present),
            (b.added, b.already_present),
            all_contacts(store).len(),
            stories,
        )
    });
    let with_story = (1..=301)
        .chain(1000..1100)
        .chain(500..700)
        .filter(|i| i % 7 == 0);
    assert_eq!(
        results[0],
        ((401, 2), (200, 1), 601, with_story.count()),
        "counted once each"
    );
}

#[test]
fn a_row_the_server_refuses_in_a_later_batch_fails_the_whole_import() {
    let Some(server) = pg::database() else {
        return;
    };
    // A refusal only the server knows, so that the reader has handed on batches before it.
    let mut admin = postgres::Client::connect(&server.url, postgres::NoTls).expect("connect");
    admin
        .batch_execute(
            "CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN IF NEW.note = 'boom' THEN RAISE EXCEPTION 'no boom here'; END IF; \
             RETURN NEW; END $$; \
             CREATE TRIGGER refuse_boom BEFORE INSERT ON contact \
             FOR EACH ROW EXECUTE FUNCTION refuse_boom();",
        )
        .expect("trigger");
    let mut csv = String::from("occurred_at,member,rating,note\n");
    for i in 0..12_000 {
        let note = if i == 11_000 { "boom" } else { "" };
        csv.push_str(&format!(
            "2026-11-{:02}T10:{:02}:00+01:00,M{},golden,{note}\n",
            1 + i % 20,
            i % 60,
            i % 7
        ));
    }
    let mut store = Store::open_server(&server.url).expect("open server");
    let err = import_bytes(&mut store, csv.as_bytes(), Format::Csv, "big.csv")
        .expect_err("the server refuses a row");
    assert!(err.to_string().contains("no boom here"), "{err}");
    // Neither the batches before it nor the members they named were kept.
    let kept: (i64, i64) = {
        let row = admin
            .query_one(
                "SELECT (SELECT count(*) FROM contact), (SELECT count(*) FROM member)",
                &[],
            )
            .expect("count");
        (row.get(0), row.get(1))
    };
    assert_eq!(kept, (0, 0));
    // The store still works after the failed import.
    let fine = csv.replace(",boom\n", ",\n");
    let summary =
        import_bytes(&mut store, fine.as_bytes(), Format::Csv, "big.csv").expect("import");
    assert_eq!(summary.added, 12_000);
}

/// The CLI's output for the same contacts, on a file and on the server.
fn cli_outputs(db: &str, dir: &TempDb, tag: &str) -> Vec<Vec<u8>> {
    let run = |args: &[&str]| {
        let out = cli(std::path::Path::new(db))
            .args(args)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    run(&[
        "demo",
        "--weeks",
        "6",
        "--members",
        "4",
        "--per-day",
        "6",
        "--until",
        "2026-11-20",
    ]);
    let mut outputs = vec![
        run(&["stats", "--format", "json"]),
        run(&[
            "stats",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-20",
            "--by",
            "week",
            "--format",
            "json",
        ]),
        run(&["export", "--lang", "en"]),
        run(&["export", "--lang", "de"]),
        run(&["export", "--format", "json"]),
        run(&["members", "list", "--all", "--format", "json"]),
    ];
    let report = dir.file(&format!("report-{tag}.html"));
    run(&[
        "report",
        "--week",
        "2026-W46",
        "--lang",
        "de",
        "--out",
        report.to_str().expect("path"),
    ]);
    outputs.push(bytes(&report));
    outputs
}

#[test]
fn the_cli_writes_byte_identical_stats_exports_and_reports_on_both_engines() {
    let Some(server) = pg::database() else {
        return;
    };
    let dir = temp_db();
    let file = cli_outputs(dir.path.to_str().expect("path"), &dir, "file");
    let on_server = cli_outputs(&server.url, &dir, "server");
    let names = [
        "stats",
        "stats by week",
        "export en",
        "export de",
        "export json",
        "members",
        "report",
    ];
    for ((a, b), name) in file.iter().zip(&on_server).zip(names) {
        assert!(a.len() > 50, "{name} is not empty");
        assert!(
            a == b,
            "{name} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
}

#[test]
fn uploading_twice_adds_nothing_twice() {
    let Some(server) = pg::database() else {
        return;
    };
    let one = temp_db();
    cli(&one.path)
        .args([
            "demo",
            "--weeks",
            "3",
            "--members",
            "3",
            "--per-day",
            "5",
            "--until",
            "2026-11-20",
        ])
        .assert()
        .success();
    cli(&one.path)
        .args(["settings", "set", "team-name", "Filiale Markt"])
        .assert()
        .success();
    // A second computer that imported the same contacts earlier, plus one of its own.
    let two = temp_db();
    let export = one.file("all.json");
    cli(&one.path)
        .args(["export", "--out", export.to_str().expect("path")])
        .assert()
        .success();
    cli(&two.path).arg("import").arg(&export).assert().success();
    cli(&two.path)
        .args(["log", "golden", "--at", "20.11.2026 12:00"])
        .assert()
        .success();
    let url = std::path::Path::new(&server.url);
    let up = |file: &std::path::Path| {
        let out = cli(url)
            .args(["server", "upload"])
            .arg(file)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let first = up(&one.path);
    let total = all_contacts(&one.open()).len();
    assert!(
        first.contains(&format!("{total} contacts added, 0 already there")),
        "{first}"
    );
    assert!(first.contains("settings copied"), "{first}");
    let again = up(&one.path);
    assert!(
        again.contains(&format!("0 contacts added, {total} already there")),
        "{again}"
    );
    assert!(again.contains("3 already there"), "{again}");
    let other = up(&two.path);
    assert!(
        other.contains(&format!("1 contacts added, {total} already there")),
        "{other}"
    );
    assert!(other.contains("settings kept"), "{other}");
    let store = Store::open_server(&server.url).expect("open");
    assert_eq!(store.count_contacts().expect("count") as usize, total + 1);
    assert_eq!(
        store.get_settings().expect("settings").team_name,
        "Filiale Markt"
    );
    // The library call gives the same counts.
    let from = one.open();
    let mut to = Store::open_server(&server.url).expect("open");
    let done = upload(&from, &mut to).expect("upload");
    assert_eq!(done.contacts_added, 0);
}

#[test]
fn twenty_clients_log_at_once_and_nothing_is_lost() {
    let Some(server) = pg::database() else {
        return;
    };
    let (clients, logs) = (20, 500);
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let url = server.url.clone();
            std::thread::spawn(move || {
                let mut store = Store::open_server(&url).expect("connect");
                let now = murmelglas::datetime::now();
                for _ in 0..logs {
                    store
                        .log_contact(ContactDraft::new(Rating::Golden), now)
                        .expect("log");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("client");
    }
    let store = Store::open_server(&server.url).expect("open");
    assert_eq!(store.count_contacts().expect("count"), clients * logs);
    let days = store.daily_counts(None, None).expect("days");
    assert_eq!(days.iter().map(|d| d.total).sum::<u64>(), clients * logs);
}

/// One line on standard error, exit status 1, and the database untouched.
fn refused(url: &str, words: &[&str]) {
    let out = cli(std::path::Path::new(url))
        .arg("stats")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    for w in words {
        assert!(stderr.contains(w), "{w:?} in {stderr}");
    }
    assert!(
        !stderr.contains(":secret"),
        "no password in messages: {stderr}"
    );
}

#[test]
fn bad_urls_and_servers_are_said_in_one_line() {
    let Some(server) = pg::database() else {
        return;
    };
    let (base, name) = server.url.rsplit_once('/').expect("url");
    let (scheme_user, host) = base.split_once('@').expect("url");
    let user = scheme_user.rsplit(':').nth(1).unwrap_or("postgres");
    let user = user.trim_start_matches("//");
    refused(
        &format!("postgres://{user}:secret@{host}/{name}"),
        &["user name or password"],
    );
    refused(
        &format!("{base}/no_such_database?sslmode=disable"),
        &["no database of that name"],
    );
    refused(
        "postgres://nobody:secret@127.0.0.1:1/murmelglas?sslmode=disable",
        &["nothing answers"],
    );
    refused("postgres://127.0.0.1/", &["names no database"]);
    // The kind of problem, which the window's words follow (not the message's phrasing).
    let problem = |url: &str| match Store::open_server(url).err() {
        Some(StoreError::Server { problem, .. }) => problem,
        other => panic!("{url}: {other:?}"),
    };
    assert_eq!(
        problem(&format!("postgres://{user}:secret@{host}/{name}")),
        ServerProblem::Login
    );
    assert_eq!(
        problem(&format!("{base}/no_such_database?sslmode=disable")),
        ServerProblem::NoDatabase
    );
    assert_eq!(
        problem("postgres://nobody:secret@127.0.0.1:1/murmelglas?sslmode=disable"),
        ServerProblem::Unreachable
    );
    // A database that is not ours, and one from a newer Murmelglas.
    let Some(foreign) = pg::empty_database() else {
        return;
    };
    let mut client = postgres::Client::connect(&foreign.url, postgres::NoTls).expect("connect");
    client
        .batch_execute("CREATE TABLE invoices (id INTEGER)")
        .expect("foreign table");
    refused(&foreign.url, &["not a Murmelglas database"]);
    let out = cli(std::path::Path::new(&foreign.url))
        .args(["server", "init"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let mut ours = postgres::Client::connect(&server.url, postgres::NoTls).expect("connect");
    ours.batch_execute("UPDATE murmelglas_schema SET version = 99")
        .expect("newer");
    refused(&server.url, &["newer Murmelglas", "schema version 99"]);
    let empty = pg::empty_database().expect("server");
    refused(&empty.url, &["server init"]);
    assert!(matches!(
        PostgresStore::open(&empty.url),
        Err(StoreError::ServerNotInitialised { .. })
    ));
}

#[test]
fn the_outbox_sends_each_contact_once_even_when_sent_before() {
    use murmelglas::store::outbox::Outbox;
    let dir = temp_db();
    each(|store| {
        let path = dir.file(&format!("outbox-{}.sqlite3", store.is_server()));
        let mut outbox = Outbox::open(&path).expect("outbox");
        let now = at("2026-11-23T14:00:00+01:00");
        let first = ContactDraft::new(Rating::Golden)
            .into_contact(now)
            .expect("contact");
        let second = ContactDraft::new(Rating::Ordinary)
            .into_contact(now)
            .expect("contact");
        outbox.push(&first).expect("push");
        outbox.push(&second).expect("push");
        outbox.push(&second).expect("push again");
        assert_eq!(outbox.len().expect("len"), 2);
        // Sent before, but not forgotten here (say, the window closed in between).
        store.insert_contact(&first).expect("insert");
        let done = outbox.flush(store).expect("flush");
        assert!(outbox.is_empty().expect("empty"));
        let again = outbox.flush(store).expect("flush");
        (done, again, all_contacts(store).len())
    });
}

#[test]
fn a_logged_contact_whose_answer_was_lost_is_stored_once_from_the_outbox() {
    use murmelglas::store::outbox::Outbox;
    let dir = temp_db();
    each(|store| {
        let now = at("2026-11-23T14:00:00+01:00");
        let mut draft = ContactDraft::new(Rating::Golden);
        draft.note = Some("Antwort unterwegs verloren".into());
        let contact = draft.into_contact(now).expect("contact");
        // The server stored it, but the answer never arrived: the app kept it as well.
        let stored = store.log_prepared(contact.clone(), now).expect("log");
        assert_eq!(stored.id, contact.id);
        let path = dir.file(&format!("lost-{}.sqlite3", store.is_server()));
        let mut outbox = Outbox::open(&path).expect("outbox");
        outbox.push(&contact).expect("push");
        let done = outbox.flush(store).expect("flush");
        assert_eq!((done.sent, done.already_there, done.waiting), (0, 1, 0));
        assert_eq!(all_contacts(store).len(), 1);
        // Logged again by hand with the same id, it is refused, not doubled.
        let again = matches!(
            store.log_prepared(contact.clone(), now),
            Err(StoreError::DuplicateContact(id)) if id == contact.id
        );
        // Undo takes back what was logged here, once.
        let undone = store.undo_last(now).expect("undo").id == contact.id;
        assert!(again && undone);
        (done, all_contacts(store).len())
    });
}

#[test]
fn places_are_kept_filtered_and_broken_down_on_every_engine() {
    each(|store| {
        for name in ["Ana", "Ben", "Cem", "Dora"] {
            store.insert_member(name).expect("member");
        }
        let now = at("2026-11-20T18:00:00+01:00");
        // Markt: four people; Telefon-Team: two people (too few to show).
        let mut log = |member: &str, place: &str, rating: Rating, hour: u32| {
            let mut d = ContactDraft::new(rating);
            d.member = Some(member.into());
            d.place = Some(place.into());
            d.occurred_at = Some(at(&format!("2026-11-18T{hour:02}:00:00+01:00")));
            store.log_contact(d, now).expect("log")
        };
        let first = log("Ana", " Filiale Markt ", Rating::Golden, 9);
        assert_eq!(first.place.as_deref(), Some("Filiale Markt"), "trimmed");
        log("Ben", "filiale markt", Rating::Ordinary, 10);
        log("Cem", "Filiale Markt", Rating::Golden, 11);
        log("Dora", "Filiale Markt", Rating::Golden, 12);
        log("Ana", "Telefon-Team", Rating::Ordinary, 13);
        log("Ben", "Telefon-Team", Rating::Golden, 14);
        let mut bare = ContactDraft::new(Rating::Golden);
        bare.occurred_at = Some(at("2026-11-18T15:00:00+01:00"));
        store.log_contact(bare, now).expect("log");
        let week = ReviewQuery {
            from: NaiveDate::from_ymd_opt(2026, 11, 16).expect("date"),
            to: NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"),
            ..ReviewQuery::default()
        };
        let team = review::review(store, &week).expect("review");
        let by_place: Vec<_> = team
            .breakdowns
            .by_place
            .iter()
            .map(|c| (c.place.clone(), c.figures.map(|f| (f.golden, f.total))))
            .collect();
        assert_eq!(
            by_place,
            [
                ("Filiale Markt".to_string(), Some((3, 4))),
                ("Telefon-Team".to_string(), None)
            ],
            "one place however it is spelled; two people are too few"
        );
        let markt = ReviewQuery {
            filter: ReviewFilter {
                place: Some("FILIALE MARKT".into()),
                ..ReviewFilter::default()
            },
            ..week.clone()
        };
        let filtered = review::review(store, &markt).expect("review");
        assert_eq!((filtered.figures.golden, filtered.figures.total), (3, 4));
        let nowhere = ReviewQuery {
            filter: ReviewFilter {
                place: Some("Mond".into()),
                ..ReviewFilter::default()
            },
            ..week.clone()
        };
        assert_eq!(
            review::review(store, &nowhere)
                .expect("review")
                .figures
                .total,
            0
        );
        let places: Vec<String> = store
            .places()
            .expect("places")
            .into_iter()
            .map(|p| p.1)
            .collect();
        (
            by_place,
            places,
            all_contacts(store)
                .iter()
                .map(|c| c.place.clone())
                .collect::<Vec<_>>(),
        )
    });
}
