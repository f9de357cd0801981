//! The history: pages of contacts newest first along the time index (keyset paging), the
//! count above the list, and the story search through the FTS5 trigram index, with the
//! exact case-folded check on every hit.

use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection, ToSql};

use super::rows::{contact_from_row, day_range, split_time, CONTACT_COLUMNS};
use super::SqliteStore;
use crate::domain::{tags_to_mask, Code};
use crate::store::{HistoryCursor, HistoryPage, HistoryQuery, Result, HISTORY_PAGE_MAX};

impl SqliteStore {
    /// One page of the history: contacts matching `query`, newest first, starting after
    /// `after`. Pages follow the time index (keyset paging), so the millionth contact
    /// comes as fast as the first. A story text the trigram index can find reads only the
    /// matching stories, in the same order.
    pub fn history_page(
        &self,
        query: &HistoryQuery,
        after: Option<HistoryCursor>,
        limit: u32,
    ) -> Result<HistoryPage> {
        let limit = limit.clamp(1, HISTORY_PAGE_MAX);
        let (from, to) = day_range(query.from, query.to);
        // The cursor bounds the day too, so SQLite starts the index scan at the cursor.
        let (to, cursor_local, cursor_id) = match after {
            Some(c) => (
                to.min(c.local.div_euclid(86_400)),
                c.local,
                c.id.as_bytes().to_vec(),
            ),
            None => (to, i64::MAX, vec![0xff; 17]),
        };
        let f = HistoryParams::of(query);
        let source = match &f.story_phrase {
            None => PageSource::Contacts,
            Some(phrase) => {
                let hits: i64 = self
                    .conn
                    .prepare_cached(
                        "SELECT count(*) FROM (SELECT 1 FROM story_search \
                         WHERE story_search MATCH ?1 LIMIT ?2)",
                    )?
                    .query_row(params![phrase, FEW_STORIES], |r| r.get(0))?;
                if hits < FEW_STORIES {
                    PageSource::FewStories
                } else {
                    PageSource::ManyStories
                }
            }
        };
        let mut stmt = self.conn.prepare_cached(&history_page_sql(source))?;
        let mut values = f.values(&from, &to).to_vec();
        values.extend([&cursor_local as &dyn ToSql, &cursor_id, &limit]);
        let seconds = (
            from.saturating_mul(86_400),
            to.saturating_mul(86_400).saturating_add(86_399),
        );
        if let Some(phrase) = &f.story_phrase {
            values.extend([phrase as &dyn ToSql, &seconds.0, &seconds.1]);
        }
        let mut rows = stmt.query(values.as_slice())?;
        let mut contacts = Vec::new();
        while let Some(row) = rows.next()? {
            contacts.push(contact_from_row(row)??);
        }
        let next = (contacts.len() == limit as usize)
            .then(|| contacts.last())
            .flatten()
            .map(|c| HistoryCursor {
                local: split_time(&c.occurred_at).0,
                id: c.id,
            });
        Ok(HistoryPage { contacts, next })
    }

    /// How many contacts match `query`. A query by dates only adds up the per-day counts;
    /// a story text the trigram index can find reads only the matching contacts.
    pub fn history_count(&self, query: &HistoryQuery) -> Result<u64> {
        let (from, to) = day_range(query.from, query.to);
        let dates_only = HistoryQuery {
            from: query.from,
            to: query.to,
            ..HistoryQuery::default()
        };
        if *query == dates_only {
            let total: i64 = self.conn.query_row(
                "SELECT coalesce(sum(total), 0) FROM day_count WHERE day BETWEEN ?1 AND ?2",
                [from, to],
                |r| r.get(0),
            )?;
            return Ok(total.max(0) as u64);
        }
        let f = HistoryParams::of(query);
        let sql = history_count_sql(f.story_phrase.is_some());
        let mut values = f.values(&from, &to).to_vec();
        if let Some(phrase) = &f.story_phrase {
            values.push(phrase);
        }
        let count: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(values.as_slice(), |r| r.get(0))?;
        Ok(count.max(0) as u64)
    }
}

/// The filters of [`HistoryQuery`] as SQL, parameters ?3 to ?9 (see [`HistoryParams`]).
/// `contains_folded` decides the story text also where the trigram index found the rows:
/// the index may find a few more (it folds `ſ` to `s`, for one), never fewer.
const HISTORY_WHERE: &str = "(?3 IS NULL OR c.golden = ?3) \
    AND (?4 IS NULL OR c.channel = ?4) \
    AND (c.motives & ?5) = ?5 AND (c.perspectives & ?6) = ?6 \
    AND (NOT ?9 OR m.name = ?7) \
    AND (?8 IS NULL OR contains_folded(c.note, ?8))";

/// Where a history page's contacts come from.
#[derive(Debug, Clone, Copy)]
enum PageSource {
    /// Every contact, along the time index.
    Contacts,
    /// The stories the index finds, sorted by time: for a search with few hits.
    FewStories,
    /// The stories in time order, each looked up among the hits: for a search with many,
    /// which fills a page after a short walk.
    ManyStories,
}

/// Up to this many hits a search sorts them; from here on, walking the stories in time
/// order is the cheaper way to the newest ones.
const FEW_STORIES: i64 = 1000;

/// The SQL of a history page. Parameters: ?1 to ?9 from [`HistoryParams::values`], the
/// cursor's time and id ?10 and ?11, the page size ?12 and, for stories, the phrase ?13
/// and the local seconds ?14 to ?15 that the days ?1 to ?2 span. Stories come newest
/// first from the small `story` table; only the contacts shown, and those the other
/// filters drop on the way, are read.
fn history_page_sql(source: PageSource) -> String {
    let stories = match source {
        PageSource::Contacts => None,
        PageSource::FewStories => Some(
            "FROM story_search CROSS JOIN story s \
             WHERE story_search MATCH ?13 AND s.id = story_search.rowid",
        ),
        PageSource::ManyStories => Some(
            "FROM story s INDEXED BY story_by_time \
             WHERE s.id IN (SELECT rowid FROM story_search WHERE story_search MATCH ?13)",
        ),
    };
    if let Some(stories) = stories {
        format!(
            "SELECT {CONTACT_COLUMNS} FROM ( \
               SELECT s.occurred_local AS local, s.contact_id AS id {stories} \
                  AND s.occurred_local BETWEEN ?14 AND ?15 \
                  AND (s.occurred_local, s.contact_id) < (?10, ?11) \
                ORDER BY local DESC, id DESC LIMIT -1) h \
             CROSS JOIN contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.id = h.id AND c.occurred_day BETWEEN ?1 AND ?2 AND {HISTORY_WHERE} \
             ORDER BY h.local DESC, h.id DESC LIMIT ?12"
        )
    } else {
        format!(
            "SELECT {CONTACT_COLUMNS} FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.occurred_day BETWEEN ?1 AND ?2 AND {HISTORY_WHERE} \
               AND (c.occurred_local < ?10 OR (c.occurred_local = ?10 AND c.id < ?11)) \
             ORDER BY c.occurred_day DESC, c.occurred_local DESC, c.id DESC LIMIT ?12"
        )
    }
}

/// The SQL of a history count: ?1 to ?9 from [`HistoryParams::values`] and, with
/// `indexed`, the story phrase ?10.
fn history_count_sql(indexed: bool) -> String {
    if indexed {
        format!(
            "SELECT count(*) FROM story s CROSS JOIN contact c \
             LEFT JOIN member m ON m.id = c.member_id \
             WHERE s.id IN (SELECT rowid FROM story_search WHERE story_search MATCH ?10) \
               AND c.id = s.contact_id AND c.occurred_day BETWEEN ?1 AND ?2 AND {HISTORY_WHERE}"
        )
    } else {
        format!(
            "SELECT count(*) FROM contact c LEFT JOIN member m ON m.id = c.member_id \
             WHERE c.occurred_day BETWEEN ?1 AND ?2 AND {HISTORY_WHERE}"
        )
    }
}

/// A history query's filters as the values [`HISTORY_WHERE`] binds.
struct HistoryParams {
    golden: Option<u8>,
    channel: Option<u8>,
    motives: i64,
    perspectives: i64,
    member: Option<String>,
    text: Option<String>,
    has_member: bool,
    /// The FTS5 query for `text`, when the trigram index can find it.
    story_phrase: Option<String>,
}

impl HistoryParams {
    fn of(q: &HistoryQuery) -> Self {
        let text = q
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase);
        HistoryParams {
            golden: q.rating.map(Code::db_id),
            channel: q.channel.map(Code::db_id),
            motives: tags_to_mask(&q.motive.into_iter().collect()),
            perspectives: tags_to_mask(&q.perspective.into_iter().collect()),
            member: q.member.clone(),
            has_member: q.member.is_some(),
            story_phrase: text.as_deref().and_then(story_phrase),
            text,
        }
    }

    /// Parameters ?1 to ?9: the day range and the filters.
    fn values<'a>(&'a self, from: &'a i64, to: &'a i64) -> [&'a dyn ToSql; 9] {
        [
            from,
            to,
            &self.golden,
            &self.channel,
            &self.motives,
            &self.perspectives,
            &self.member,
            &self.text,
            &self.has_member,
        ]
    }
}

/// The FTS5 query for `story_search` that finds every story whose lower-cased text holds
/// `needle` (lower-cased already), or `None` when the index cannot promise that and the
/// history reads every contact instead: below three characters (the index holds
/// trigrams), or with a character the index might fold other than Rust's lower-casing.
///
/// The index keeps which stories hold a trigram, not where (`detail = none`, a third of
/// the size), so the query asks for every trigram of the needle: a few stories more than
/// hold the needle itself may come back, never fewer, and `contains_folded` decides.
fn story_phrase(needle: &str) -> Option<String> {
    // `İ` lower-cases to `i` and U+0307, but the index keeps it as one character, so a
    // trailing `i` may be half of it. Elsewhere such an `i` is followed by U+0307, which
    // no phrase contains.
    let indexed = needle.strip_suffix('i').unwrap_or(needle);
    let chars: Vec<char> = indexed.chars().collect();
    if chars.len() < 3 || !chars.iter().copied().all(folds_like_rust) {
        return None;
    }
    let mut trigrams: Vec<String> = chars
        .windows(3)
        .map(|w| {
            // An FTS5 string: inside double quotes every character is literal but `"`,
            // doubled.
            let t: String = w.iter().collect();
            format!("\"{}\"", t.replace('"', "\"\""))
        })
        .collect();
    trigrams.sort();
    trigrams.dedup();
    Some(trigrams.join(" AND "))
}

/// Characters whose every upper-case form the trigram tokenizer folds as Rust's
/// `to_lowercase` does (checked over all of Unicode in this module's tests): Latin up to
/// Latin Extended-B, Greek, Cyrillic, punctuation, symbols and emoji. Left out are `ƛ`
/// and `ϳ`, whose capitals are newer than the tokenizer's case table.
fn folds_like_rust(c: char) -> bool {
    matches!(
        c,
        '\u{1}'..='\u{19A}'
            | '\u{19C}'..='\u{24F}'
            | '\u{370}'..='\u{3F2}'
            | '\u{3F4}'..='\u{4FF}'
            | '\u{2000}'..='\u{2BFF}'
            | '\u{1F000}'..='\u{1FAFF}'
    )
}

/// `contains_folded(haystack, needle)`: whether `haystack` holds the already lower-cased
/// `needle`, ignoring case beyond ASCII (SQLite's LIKE folds only A–Z, not Ä or Ü).
pub(super) fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "contains_folded",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let haystack = ctx.get_raw(0).as_str_or_null().unwrap_or(None);
            let needle = ctx.get_raw(1).as_str_or_null().unwrap_or(None);
            Ok(match (haystack, needle) {
                (Some(h), Some(n)) => h.to_lowercase().contains(n),
                _ => false,
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::domain::{Channel, Rating};

    /// How the trigram tokenizer folds each of `chars`: index one three-character
    /// document per character and read its trigram back.
    fn trigram_folds(chars: &[char]) -> BTreeMap<char, char> {
        let conn = Connection::open_in_memory().expect("open");
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'trigram case_sensitive 0'); \
             CREATE VIRTUAL TABLE terms USING fts5vocab (t, 'instance');",
        )
        .expect("tables");
        let mut insert = conn
            .prepare("INSERT INTO t (rowid, x) VALUES (?1, ?2)")
            .expect("insert");
        for &c in chars {
            insert
                .execute(params![u32::from(c), format!("{c}##")])
                .expect("insert");
        }
        let mut read = conn.prepare("SELECT doc, term FROM terms").expect("read");
        let rows = read
            .query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))
            .expect("read");
        rows.map(|row| {
            let (doc, term) = row.expect("row");
            let c = char::from_u32(doc).expect("a character");
            (c, term.chars().next().expect("a trigram"))
        })
        .collect()
    }

    /// The promise `story_phrase` relies on: where the story's lower-cased text holds a
    /// character `folds_like_rust` admits, the story itself holds a character that the
    /// tokenizer folds to what it folds that character to. So the index finds every
    /// story the scan finds. Checked over every character Rust knows.
    #[test]
    fn folds_like_rust_agrees_with_the_trigram_tokenizer_over_all_of_unicode() {
        let mut pairs = Vec::new();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let lower: Vec<char> = c.to_lowercase().collect();
            for &x in lower.iter().filter(|&&x| folds_like_rust(x)) {
                pairs.push((c, x, lower.clone()));
            }
        }
        // Σ lower-cases to ς at the end of a word (only `str::to_lowercase` knows).
        pairs.push(('Σ', 'ς', vec!['ς']));
        let mut chars: Vec<char> = pairs.iter().flat_map(|&(c, x, _)| [c, x]).collect();
        chars.sort_unstable();
        chars.dedup();
        let fold = trigram_folds(&chars);
        assert_eq!(fold.len(), chars.len(), "every character yields a trigram");
        let mut checked = 0;
        for (c, x, lower) in pairs {
            if c == 'İ' {
                // Lower-cased to `i` and U+0307; `story_phrase` leaves a trailing `i` out.
                assert_eq!(lower, ['i', '\u{307}']);
                assert!(!folds_like_rust('\u{307}'));
                continue;
            }
            assert_eq!(lower, [x], "{c:?} lower-cases to more than {x:?}");
            assert_eq!(fold[&c], fold[&x], "{c:?} and {x:?} fold apart");
            checked += 1;
        }
        assert!(checked > 6000, "{checked}");
    }

    #[test]
    fn story_phrase_asks_for_every_trigram_or_leaves_it_to_the_scan() {
        assert_eq!(story_phrase("ab"), None);
        assert_eq!(story_phrase("abc").as_deref(), Some("\"abc\""));
        assert_eq!(
            story_phrase("ärger").as_deref(),
            Some("\"ger\" AND \"rge\" AND \"ärg\"")
        );
        assert_eq!(story_phrase("ja\"").as_deref(), Some("\"ja\"\"\""));
        assert_eq!(
            story_phrase("a* OR").as_deref(),
            Some("\" OR\" AND \"* O\" AND \"a* \"")
        );
        assert_eq!(
            story_phrase("aaaa").as_deref(),
            Some("\"aaa\""),
            "each once"
        );
        // A trailing `i` may be half of `İ`: the phrase leaves it out.
        assert_eq!(story_phrase("frei").as_deref(), Some("\"fre\""));
        assert_eq!(story_phrase("hai"), None);
        assert_eq!(story_phrase("東京都"), None);
        assert_eq!(story_phrase("a\u{307}bc"), None);
    }

    fn plan(store: &SqliteStore, sql: &str, values: &[&dyn ToSql]) -> Vec<String> {
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("explain");
        let rows = stmt
            .query_map(values, |r| r.get::<_, String>(3))
            .expect("plan");
        rows.collect::<Result<_, _>>().expect("plan rows")
    }

    /// A search that matches few stories must not walk every contact, in time order or not.
    #[test]
    fn an_indexed_search_starts_from_the_index_and_reads_contacts_by_id() {
        let store = SqliteStore::open_in_memory().expect("store");
        let f = HistoryParams::of(&HistoryQuery {
            rating: Some(Rating::Golden),
            channel: Some(Channel::Phone),
            text: Some("ärger".into()),
            ..HistoryQuery::default()
        });
        let phrase = f.story_phrase.clone().expect("indexed");
        let (from, to) = day_range(None, None);
        let cursor_local = i64::MAX;
        let cursor_id = vec![0xff_u8; 17];
        let limit = 100_i64;
        let mut values = f.values(&from, &to).to_vec();
        values.extend([
            &cursor_local as &dyn ToSql,
            &cursor_id,
            &limit,
            &phrase,
            &from,
            &to,
        ]);
        let few = plan(&store, &history_page_sql(PageSource::FewStories), &values);
        let many = plan(&store, &history_page_sql(PageSource::ManyStories), &values);
        let mut values = f.values(&from, &to).to_vec();
        values.push(&phrase);
        let count = plan(&store, &history_count_sql(true), &values);
        for steps in [&few, &many, &count] {
            assert!(
                steps
                    .iter()
                    .any(|s| s.starts_with("SCAN story_search VIRTUAL TABLE")),
                "{steps:#?}"
            );
            assert!(
                steps
                    .iter()
                    .any(|s| s == "SEARCH c USING PRIMARY KEY (id=?)"),
                "{steps:#?}"
            );
            assert!(
                !steps
                    .iter()
                    .any(|s| s.contains("contact_by_time") || s.starts_with("SCAN c")),
                "{steps:#?}"
            );
        }
        // Few hits are sorted once, in the small `story` table, not after reading
        // contacts; many are walked in time order there, and nothing is sorted.
        assert!(
            few.iter()
                .any(|s| s == "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)"),
            "{few:#?}"
        );
        let sorts = few.iter().filter(|s| s.contains("TEMP B-TREE")).count();
        assert_eq!(sorts, 1, "{few:#?}");
        assert!(
            many.iter()
                .any(|s| s.starts_with("SEARCH s USING COVERING INDEX story_by_time")),
            "{many:#?}"
        );
        assert!(!many.iter().any(|s| s.contains("TEMP B-TREE")), "{many:#?}");
    }
}
