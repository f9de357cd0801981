//! Logging, listing, importing and the figures: the commands about contacts.

use std::io::{IsTerminal, Write};
use std::path::Path;

use chrono::NaiveDate;

use murmelglas::analytics::{self, Stats};
use murmelglas::datetime::{self, parse_date};
use murmelglas::domain::{format_tag_list, Code, Contact, ContactDraft, Lang, Rating};
use murmelglas::import::{self, ImportError};
use murmelglas::report;
use murmelglas::review;
use murmelglas::store::outbox::Outbox;
use murmelglas::store::{ContactFilter, Store, StoreError};

use crate::args::*;
use crate::Failure;

/// Without a command: today's jar, and how to add to it.
pub(crate) fn today(store: &Store, out: &mut impl Write) -> Result<(), Failure> {
    let day = datetime::today();
    let f = analytics::stats(store, Some(day), Some(day), None)?.figures;
    let settings = store.get_settings()?;
    let team = if settings.team_name.is_empty() {
        String::new()
    } else {
        format!(" – {}", settings.team_name)
    };
    writeln!(out, "Murmelglas{team}, {}", day.format("%d.%m.%Y"))?;
    writeln!(
        out,
        "Today's jar: {} Gold, {} 08/15{}",
        f.golden,
        f.ordinary,
        f.golden_share
            .map(|s| format!(" ({:.0} % golden)", s * 100.0))
            .unwrap_or_default()
    )?;
    writeln!(
        out,
        "\nLog a contact:  murmelglas log golden   |   murmelglas log 08/15 --channel phone --motive speed\nMore:           murmelglas --help   (database: {})",
        store.location()
    )?;
    Ok(())
}

impl Range {
    pub(crate) fn filter(&self) -> Result<ContactFilter, Failure> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                return Err(Failure(vec![format!(
                    "--from {} is after --to {}",
                    from.format("%d.%m.%Y"),
                    to.format("%d.%m.%Y")
                )]));
            }
        }
        Ok(ContactFilter {
            from: self.from,
            to: self.to,
        })
    }
}

/// The report's period from --week or --from/--to, or the last complete week.
pub(crate) fn report_period(
    week: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(NaiveDate, NaiveDate), Failure> {
    let date =
        |flag: &str, s: &str| parse_date(s).map_err(|e| Failure(vec![format!("--{flag}: {e}")]));
    match (week, from, to) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => Err(Failure(vec![
            "give either --week or --from/--to, not both".into(),
        ])),
        (Some(week), None, None) => Ok(review::iso_week(week)?),
        (None, Some(from), Some(to)) => {
            let (from, to) = (date("from", from)?, date("to", to)?);
            if to < from {
                return Err(Failure(vec![format!(
                    "--to {} is before --from {}",
                    to.format("%d.%m.%Y"),
                    from.format("%d.%m.%Y")
                )]));
            }
            Ok((from, to))
        }
        (None, Some(_), None) | (None, None, Some(_)) => {
            Err(Failure(vec!["give both --from and --to, or --week".into()]))
        }
        (None, None, None) => Ok(report::last_complete_week(datetime::today())),
    }
}

/// What `log` was told, as the draft every way in shares.
fn draft_of(args: LogArgs) -> Result<ContactDraft, Failure> {
    if args.rating == Rating::Golden && !args.obstacle.is_empty() {
        return Err(Failure(vec![
            "--obstacle goes with an 08/15 contact: it says what got in our way".into(),
        ]));
    }
    Ok(ContactDraft {
        rating: args.rating,
        occurred_at: args.at,
        member: args.member,
        channel: args.channel,
        phase: args.phase,
        purpose: args.purpose,
        motives: args.motive.into_iter().collect(),
        perspectives: args.perspective.into_iter().collect(),
        obstacles: args.obstacle.into_iter().collect(),
        note: args.note,
        share_in_review: args.share,
        nps: args.nps,
        place: args.place,
    })
}

/// `log` while the team's server does not answer: the contact is checked and kept on this
/// computer, and sent with the next command that reaches the server.
pub(crate) fn log_offline(
    outbox: &mut Outbox,
    args: LogArgs,
    why: &StoreError,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let contact = draft_of(args)?.into_contact(datetime::now())?;
    keep_offline(outbox, contact, why, out)
}

/// Keeps `contact` in the outbox and says so.
fn keep_offline(
    outbox: &mut Outbox,
    contact: Contact,
    why: &StoreError,
    out: &mut impl Write,
) -> Result<(), Failure> {
    outbox.push(&contact)?;
    let waiting = outbox.len()?;
    writeln!(
        out,
        "Kept {} for {} on this computer: {why}. {waiting} {} waiting; sent when the server answers.",
        contact.rating.label(Lang::En),
        contact.occurred_at.format("%d.%m.%Y %H:%M"),
        if waiting == 1 { "contact" } else { "contacts" }
    )?;
    Ok(())
}

pub(crate) fn log(store: &mut Store, args: LogArgs, out: &mut impl Write) -> Result<(), Failure> {
    let draft = draft_of(args)?;
    let named = draft.member.is_some();
    // The id is chosen before the server is asked: when it stops answering mid-way, the
    // contact waits in the outbox and, if the server had stored it after all, is not
    // stored a second time.
    let now = datetime::now();
    let prepared = draft.into_contact(now)?;
    let contact = match store.log_prepared(prepared.clone(), now) {
        Ok(contact) => contact,
        Err(e) if e.is_unreachable() => {
            let mut outbox = Outbox::open(&crate::outbox_path()?)?;
            return keep_offline(&mut outbox, prepared, &e, out);
        }
        Err(e) => return Err(e.into()),
    };
    let day = contact.occurred_at.date_naive();
    let that_day = analytics::stats(store, Some(day), Some(day), None)?.figures;
    writeln!(
        out,
        "Logged {} for {}{}. That day: {} Gold, {} 08/15.",
        contact.rating.label(Lang::En),
        contact.occurred_at.format("%d.%m.%Y %H:%M"),
        if named && contact.member.is_none() {
            " without a name (the team keeps no names)"
        } else {
            ""
        },
        that_day.golden,
        that_day.ordinary
    )?;
    Ok(())
}

pub(crate) fn import(
    store: &mut Store,
    file: &Path,
    format: Option<FileFormat>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    // On a terminal a bar shows how far a big import has come; piped, nothing extra.
    let bar = std::io::stderr().is_terminal().then(|| {
        let size = std::fs::metadata(file).map_or(0, |m| m.len());
        let bar = indicatif::ProgressBar::new(size);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes}  {msg}  {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let show = |p: import::ImportProgress| {
        if let Some(bar) = &bar {
            bar.set_position(p.bytes);
            bar.set_message(format!("{} rows", p.rows));
        }
    };
    let control = import::ImportControl {
        progress: Some(&show),
        cancel: None,
    };
    let result = import::import_file_with(store, file, format.map(Into::into), control);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(s) => {
            writeln!(
                out,
                "Imported {}: {} read, {} added, {} already present{}.",
                file.display(),
                s.read,
                s.added,
                s.already_present,
                if s.members_added > 0 {
                    format!(", {} new team members", s.members_added)
                } else {
                    String::new()
                }
            )?;
            Ok(())
        }
        Err(ImportError::Invalid {
            path,
            errors,
            total,
        }) => {
            let mut lines: Vec<String> = errors.iter().map(|e| format!("{path}: {e}")).collect();
            let shown_rows = errors
                .iter()
                .map(|e| e.line)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            if total > shown_rows {
                lines.push(format!(
                    "{path}: … and {} more bad rows",
                    total - shown_rows
                ));
            }
            lines.push(format!(
                "{path}: {total} bad {}; nothing was imported",
                if total == 1 { "row" } else { "rows" }
            ));
            Err(Failure(lines))
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn print_contacts(
    store: &Store,
    filter: &ContactFilter,
    out: &mut impl Write,
) -> Result<(), Failure> {
    writeln!(
        out,
        "{:<16}  {:<6}  {:<12}  {:<10}  {:<28}  story",
        "when", "rating", "member", "channel", "motives / perspectives"
    )?;
    let mut count = 0;
    store.for_each_contact(filter, |c| {
        let tags = [
            format_tag_list(&c.motives, None),
            format_tag_list(&c.perspectives, None),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
        let story: String = c
            .note
            .as_deref()
            .unwrap_or("")
            .replace('\n', " ")
            .chars()
            .take(40)
            .collect();
        writeln!(
            out,
            "{:<16}  {:<6}  {:<12}  {:<10}  {:<28}  {}",
            c.occurred_at.format("%d.%m.%Y %H:%M"),
            c.rating.label(Lang::De),
            c.member.as_deref().unwrap_or("–"),
            c.channel.map_or("–", |ch| ch.code()),
            tags,
            story
        )
        .map_err(|e| Failure(vec![e.to_string()]))?;
        count += 1;
        Ok::<_, Failure>(())
    })?;
    writeln!(out, "{count} contacts")?;
    Ok(())
}

pub(crate) fn percent(v: Option<f64>) -> String {
    v.map_or("–".into(), |x| format!("{:.1} %", x * 100.0))
}

pub(crate) fn print_stats(stats: &Stats, out: &mut impl Write) -> Result<(), Failure> {
    let f = &stats.figures;
    writeln!(
        out,
        "{} contacts: {} Gold, {} 08/15, golden share {} (95 % interval {} – {})",
        f.total,
        f.golden,
        f.ordinary,
        percent(f.golden_share),
        percent(f.ci_low),
        percent(f.ci_high)
    )?;
    if let Some(change) = &stats.change {
        let c = &change.comparison;
        let verdict = match c.change {
            analytics::Change::Up => "a real rise",
            analytics::Change::Down => "a real fall",
            analytics::Change::WithinNormalVariation => "within normal variation",
            analytics::Change::TooFewToTell => "too few contacts to tell",
        };
        let points = c
            .difference
            .map_or("–".to_string(), |d| format!("{:+.1} points", d * 100.0));
        let p = c.p_value.map_or(String::new(), |p| format!(", p = {p:.3}"));
        writeln!(
            out,
            "vs {} – {} ({} contacts, {}): {points}, {verdict}{p}",
            change.previous_from,
            change.previous_to,
            c.previous.total,
            percent(c.previous.golden_share),
        )?;
    }
    if let Some(series) = &stats.series {
        writeln!(out)?;
        writeln!(
            out,
            "{:<10}  {:>6}  {:>6}  {:>6}  {:>8}  95 % interval",
            "period", "total", "gold", "08/15", "share"
        )?;
        for p in series {
            let g = &p.figures;
            writeln!(
                out,
                "{:<10}  {:>6}  {:>6}  {:>6}  {:>8}  {} – {}",
                p.period,
                g.total,
                g.golden,
                g.ordinary,
                percent(g.golden_share),
                percent(g.ci_low),
                percent(g.ci_high)
            )?;
        }
    }
    Ok(())
}
