//! One record of a contact file, whatever its format: the cells become a contact or a
//! list of problems, handed in file order from the parsing thread to the writer.

use std::collections::HashMap;
use std::io;
use std::sync::mpsc::{Receiver, SyncSender};

use chrono::{DateTime, FixedOffset};
use uuid::Uuid;

use super::decode::{DecodeFailure, FailureSlot};
use super::problem::{Problem, ProblemCode};
use crate::datetime::parse_datetime_in;
use crate::domain::{
    self, check_member_name, check_note, check_place, parse_nps, parse_tag_list, Code, Contact,
    Rating,
};
use crate::export::{unguard_formula, Column};

/// The namespace of ids derived for rows that come without one.
const ID_NAMESPACE: Uuid = Uuid::from_u128(0x6d75_726d_656c_676c_6173_0000_0000_0001);

/// Why the parser stopped before the end of the file, beyond a problem in a row.
#[derive(Debug)]
pub(crate) enum Stop {
    /// Not a text file: binary data at this byte offset.
    Binary { offset: u64 },
    /// The file could not be read further.
    Read(io::Error),
}

/// What the parser hands to the writer, in file order.
pub(crate) enum Parsed {
    Row {
        line: u64,
        contact: Contact,
    },
    BadRow {
        line: u64,
        problems: Vec<(Option<String>, Problem)>,
    },
    /// A problem with the file itself (header, JSON structure), not with one row.
    FileProblem {
        line: u64,
        column: Option<String>,
        problem: Problem,
    },
}

/// How many parsed rows travel together from the parser thread to the writer.
const BATCH: usize = 1024;

/// Parses records on its own thread and sends them on in batches.
pub(crate) struct Parser {
    now: DateTime<FixedOffset>,
    /// A German (spreadsheet) file: free text may carry the export's formula guard.
    pub spreadsheet: bool,
    /// How often each content came before, for rows without an id. Holds one entry per
    /// distinct row without id; files we export always carry ids, and files typed in a
    /// spreadsheet stop at its million rows.
    seen_content: HashMap<Uuid, u32>,
    batch: Vec<Parsed>,
    send: SyncSender<Vec<Parsed>>,
    /// Why the decoder gave up, if it did.
    decode_failure: FailureSlot,
    /// Why parsing stopped before the end, if it did.
    pub stop: Option<Stop>,
    /// The writer hung up (it was cancelled or failed): parsing on is pointless.
    pub hung_up: bool,
    /// Batches the writer is done with, to be dropped here and filled again.
    pub recycle: Option<Receiver<Vec<Parsed>>>,
}

impl Parser {
    pub fn new(
        now: DateTime<FixedOffset>,
        send: SyncSender<Vec<Parsed>>,
        decode_failure: FailureSlot,
    ) -> Self {
        Parser {
            now,
            spreadsheet: false,
            seen_content: HashMap::new(),
            batch: Vec::with_capacity(BATCH),
            send,
            decode_failure,
            stop: None,
            hung_up: false,
            recycle: None,
        }
    }

    /// The input failed on `line`: the decoder says why (binary data, mixed encodings),
    /// or the file could not be read.
    pub fn input_failed(&mut self, line: u64, error: Option<io::Error>) {
        let failure = self.decode_failure.borrow_mut().take();
        match failure {
            Some(DecodeFailure::Binary { offset }) => self.stop = Some(Stop::Binary { offset }),
            Some(DecodeFailure::Mixed { line, byte }) => self.fail(
                line,
                None,
                Problem::new(
                    ProblemCode::MixedEncoding,
                    format!(
                        "byte 0x{byte:02X} does not fit the rest of the file: it mixes UTF-8 and Windows-1252 text; save it again as UTF-8"
                    ),
                )
                .with("byte", format!("0x{byte:02X}")),
            ),
            None => {
                let error = error.unwrap_or_else(|| io::Error::other(format!("line {line}")));
                self.stop = Some(Stop::Read(error));
            }
        }
    }

    pub fn emit(&mut self, item: Parsed) {
        self.batch.push(item);
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    pub fn flush(&mut self) {
        let next = self
            .recycle
            .as_ref()
            .and_then(|r| r.try_recv().ok())
            .map(|mut used| {
                used.clear();
                used
            })
            .unwrap_or_else(|| Vec::with_capacity(BATCH));
        let batch = std::mem::replace(&mut self.batch, next);
        // The writer hangs up when the import is cancelled (or after a panic, which is
        // reported there).
        if self.send.send(batch).is_err() {
            self.hung_up = true;
        }
    }

    pub fn fail(&mut self, line: u64, column: Option<String>, problem: Problem) {
        self.emit(Parsed::FileProblem {
            line,
            column,
            problem,
        });
    }

    pub fn bad_row(&mut self, line: u64, column: Option<String>, problem: Problem) {
        self.emit(Parsed::BadRow {
            line,
            problems: vec![(column, problem)],
        });
    }

    /// Parses one record; `cell` gives a column's text and the name the file uses for it.
    pub fn record<'c>(&mut self, line: u64, cell: impl Fn(Column) -> Option<(&'c str, &'c str)>) {
        let mut problems: Vec<(String, Problem)> = Vec::new();
        match parse_contact(&cell, self.now, self.spreadsheet, &mut problems) {
            Some((mut contact, has_id)) if problems.is_empty() => {
                if !has_id {
                    contact.id = self.derived_id(&contact);
                }
                self.emit(Parsed::Row { line, contact });
            }
            _ => self.emit(Parsed::BadRow {
                line,
                problems: problems.into_iter().map(|(c, m)| (Some(c), m)).collect(),
            }),
        }
    }

    /// An id for a row that has none, derived from its content and how often the same
    /// content came before in this file: importing the file again finds the same ids,
    /// while two identical bare contacts in one minute stay two contacts.
    fn derived_id(&mut self, contact: &Contact) -> Uuid {
        let content: Vec<String> = Column::CONTENT
            .iter()
            .map(|c| c.cell(contact, domain::Lang::En))
            .collect();
        let base = Uuid::new_v5(&ID_NAMESPACE, content.join("\u{1f}").as_bytes());
        let seen = self.seen_content.entry(base).or_insert(0);
        *seen += 1;
        let name = format!("{base}#{seen}");
        let random = Uuid::new_v5(&ID_NAMESPACE, name.as_bytes());
        let millis = u64::try_from(contact.occurred_at.timestamp_millis()).unwrap_or(0);
        let mut bits = [0u8; 10];
        bits.copy_from_slice(&random.as_bytes()[6..]);
        uuid::Builder::from_unix_timestamp_millis(millis, &bits).into_uuid()
    }
}

/// Turns one record's cells into a contact and whether the record had an id, or collects
/// (column, reason) problems.
fn parse_contact<'c>(
    cell: &impl Fn(Column) -> Option<(&'c str, &'c str)>,
    now: DateTime<FixedOffset>,
    spreadsheet: bool,
    problems: &mut Vec<(String, Problem)>,
) -> Option<(Contact, bool)> {
    // A present, non-blank cell with the column's name in the file.
    let get = |c: Column| cell(c).filter(|(v, _)| !v.trim().is_empty());
    let mut check = |c: Column, result: Result<(), Problem>| {
        if let Err(problem) = result {
            let name = cell(c).map_or(c.header(domain::Lang::En), |(_, n)| n);
            problems.push((name.to_string(), problem));
        }
    };

    // A German file keeps each time's UTC offset in a column of its own, so a wall-clock
    // time comes back as the same instant (the second 02:30 of a clock change, +05:30).
    let mut zones = [None, None];
    for (slot, column) in zones
        .iter_mut()
        .zip([Column::OccurredZone, Column::LoggedZone])
    {
        if let Some((v, _)) = get(column) {
            check(column, parse_zone(v).map(|z| *slot = Some(z)));
        }
    }
    let at = |v: &str, zone: Option<FixedOffset>| match zone {
        Some(zone) => parse_datetime_in(v, &zone),
        None => parse_datetime_in(v, &chrono::Local),
    };
    let mut occurred_at = None;
    match get(Column::OccurredAt) {
        None => check(
            Column::OccurredAt,
            Err(Problem::new(
                ProblemCode::MissingTime,
                "the time of the contact is missing",
            )),
        ),
        Some((v, _)) => check(
            Column::OccurredAt,
            at(v, zones[0]).map_err(Problem::from).and_then(|t| {
                if t > now {
                    Err(
                        Problem::new(ProblemCode::InFuture, format!("'{v}' lies in the future"))
                            .with("value", v),
                    )
                } else {
                    occurred_at = Some(t);
                    Ok(())
                }
            }),
        ),
    }
    let mut logged_at = None;
    if let Some((v, _)) = get(Column::LoggedAt) {
        check(
            Column::LoggedAt,
            at(v, zones[1])
                .map(|t| logged_at = Some(t))
                .map_err(Problem::from),
        );
    }
    let mut rating = None;
    match get(Column::Rating) {
        None => check(
            Column::Rating,
            Err(Problem::new(
                ProblemCode::MissingRating,
                "the rating is missing (golden or 08/15)",
            )),
        ),
        Some((v, _)) => check(
            Column::Rating,
            v.parse::<Rating>()
                .map(|r| rating = Some(r))
                .map_err(Problem::from),
        ),
    }
    let mut id = None;
    if let Some((v, _)) = get(Column::Id) {
        check(
            Column::Id,
            Uuid::parse_str(v.trim())
                .map(|u| id = Some(u))
                .map_err(|_| {
                    Problem::new(
                        ProblemCode::BadId,
                        format!("'{v}' is not a valid id (a UUID)"),
                    )
                    .with("value", v)
                }),
        );
    }
    let mut member = None;
    if let Some((v, _)) = get(Column::Member) {
        check(
            Column::Member,
            check_member_name(if spreadsheet { unguard_formula(v) } else { v })
                .map(|m| member = Some(m))
                .map_err(Problem::from),
        );
    }
    let channel = optional_code(get(Column::Channel), |r| check(Column::Channel, r));
    let phase = optional_code(get(Column::Phase), |r| check(Column::Phase, r));
    let purpose = optional_code(get(Column::Purpose), |r| check(Column::Purpose, r));
    let mut motives = Default::default();
    if let Some((v, _)) = get(Column::Motives) {
        check(
            Column::Motives,
            parse_tag_list(v)
                .map(|t| motives = t)
                .map_err(Problem::from),
        );
    }
    let mut perspectives = Default::default();
    if let Some((v, _)) = get(Column::Perspectives) {
        check(
            Column::Perspectives,
            parse_tag_list(v)
                .map(|t| perspectives = t)
                .map_err(Problem::from),
        );
    }
    let mut obstacles = Default::default();
    if let Some((v, _)) = get(Column::Obstacles) {
        check(
            Column::Obstacles,
            parse_tag_list(v)
                .map_err(Problem::from)
                .and_then(|t: std::collections::BTreeSet<domain::Obstacle>| {
                    // Never silently dropped: a golden row that names them is refused.
                    if !t.is_empty() && rating == Some(Rating::Golden) {
                        Err(Problem::new(
                            ProblemCode::ObstacleOnGolden,
                            "what got in our way is named on 08/15 contacts only, not on a golden one",
                        )
                        .with("value", v))
                    } else {
                        obstacles = t;
                        Ok(())
                    }
                }),
        );
    }
    let mut note = None;
    if let Some((v, _)) = get(Column::Note) {
        check(
            Column::Note,
            check_note(Some(
                if spreadsheet { unguard_formula(v) } else { v }.to_string(),
            ))
            .map(|n| note = n)
            .map_err(Problem::from),
        );
    }
    let mut share_in_review = false;
    if let Some((v, _)) = get(Column::ShareInReview) {
        check(
            Column::ShareInReview,
            parse_bool(v).map(|b| share_in_review = b),
        );
    }
    let mut nps = None;
    if let Some((v, _)) = get(Column::Nps) {
        check(
            Column::Nps,
            parse_nps(v).map(|n| nps = Some(n)).map_err(Problem::from),
        );
    }

    let mut place = None;
    if let Some((v, _)) = get(Column::Place) {
        check(
            Column::Place,
            check_place(Some(if spreadsheet { unguard_formula(v) } else { v }))
                .map(|p| place = p)
                .map_err(Problem::from),
        );
    }

    let occurred_at = occurred_at?;
    let contact = Contact {
        id: id.unwrap_or_else(Uuid::nil),
        occurred_at,
        // Without a logging time the contact counts as logged when it happened, so that an
        // import never looks like something just logged (and `undo` never removes it).
        logged_at: logged_at.unwrap_or(occurred_at),
        member,
        rating: rating?,
        channel: channel?,
        phase: phase?,
        purpose: purpose?,
        motives,
        perspectives,
        obstacles,
        note,
        share_in_review,
        nps,
        place,
    };
    Some((contact, id.is_some()))
}

/// Parses a time zone cell as the German export writes it (`UTC+01:00`), or the offset
/// alone (`+01:00`, `+0100`, `-05:30`), or `UTC`/`Z`.
pub(crate) fn parse_zone(cell: &str) -> Result<FixedOffset, Problem> {
    let bad = || {
        Problem::new(
            ProblemCode::BadTimeZone,
            format!(
                "'{}' is not a UTC offset such as UTC+01:00",
                domain::shorten(cell, 40)
            ),
        )
        .with("value", cell)
    };
    let t = cell.trim();
    let t = t
        .strip_prefix("UTC")
        .or_else(|| t.strip_prefix("GMT"))
        .unwrap_or(t)
        .trim();
    if t.is_empty() || t == "Z" {
        return FixedOffset::east_opt(0).ok_or_else(bad);
    }
    let (sign, rest) = match t.chars().next() {
        Some('+') => (1, &t[1..]),
        Some('-') => (-1, &t[1..]),
        Some('\u{2212}') => (-1, &t['\u{2212}'.len_utf8()..]),
        _ => return Err(bad()),
    };
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let hours: i32 = hours.parse().map_err(|_| bad())?;
    let minutes: i32 = minutes.parse().map_err(|_| bad())?;
    if !(0..60).contains(&minutes) || !(0..=18).contains(&hours) || hours == 18 && minutes > 0 {
        return Err(bad());
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60)).ok_or_else(bad)
}

/// Parses an optional code cell. The outer `None` means "bad value, already reported".
fn optional_code<T: Code>(
    value: Option<(&str, &str)>,
    mut report: impl FnMut(Result<(), Problem>),
) -> Option<Option<T>> {
    match value {
        None => Some(None),
        Some((v, _)) => match T::parse(v) {
            Ok(code) => Some(Some(code)),
            Err(e) => {
                report(Err(e.into()));
                None
            }
        },
    }
}

pub(crate) fn parse_bool(s: &str) -> Result<bool, Problem> {
    match s.trim().to_lowercase().as_str() {
        "true" | "ja" | "yes" | "1" | "wahr" | "x" => Ok(true),
        "false" | "nein" | "no" | "0" | "falsch" => Ok(false),
        _ => Err(Problem::new(
            ProblemCode::BadYesNo,
            format!("'{s}' is not yes or no (ja/nein, true/false)"),
        )
        .with("value", s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_in_both_languages() {
        assert_eq!(parse_bool("ja"), Ok(true));
        assert_eq!(parse_bool("FALSCH"), Ok(false));
        let problem = parse_bool("vielleicht").expect_err("not a yes or no");
        assert_eq!(problem.code, ProblemCode::BadYesNo);
        assert_eq!(problem.params["value"], "vielleicht");
    }
}
