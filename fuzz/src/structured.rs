//! Structured inputs for the command target: bytes that are not a JSON array are read as
//! choices (with `arbitrary`) that build a sequence of calls as JSON values — arguments of
//! the right shape, with dates over chrono's whole range, offsets up to ±23:59, ids the
//! store holds and ids it does not, codes and near-codes. They go through the same serde
//! deserialization and the same core calls as raw JSON, and reach deeper than raw bytes.

use chrono::{Days, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use murmelglas::domain::WeekStart;
use murmelglas::domain::{Channel, Code, Lang, Motive, Perspective, Phase, Purpose, Rating};
use serde_json::{json, Value};

use crate::commands::MAX_CALLS;
use crate::import_check::PREFILLED_IDS;

const COMMANDS: &[&str] = &[
    "bootstrap",
    "log_contact",
    "amend_contact",
    "undo_contact",
    "delete_contact",
    "restore_contact",
    "history",
    "history_count",
    "jar",
    "save_settings",
    "members",
    "add_member",
    "rename_member",
    "set_member_active",
    "review",
    "drill",
    "save_chart_png",
    "save_report",
    "export_file",
];

/// The calls the bytes choose, at most [`MAX_CALLS`].
pub fn calls(data: &[u8]) -> Vec<(String, Value)> {
    let mut u = Unstructured::new(data);
    let mut out = Vec::new();
    while out.len() < MAX_CALLS && !u.is_empty() {
        match call(&mut u) {
            Ok(c) => out.push(c),
            Err(_) => break,
        }
    }
    out
}

fn call(u: &mut Unstructured<'_>) -> Result<(String, Value)> {
    let cmd = *u.choose(COMMANDS)?;
    let args = match cmd {
        "log_contact" => json!({ "draft": draft(u)? }),
        "amend_contact" => json!({ "id": id(u)?, "draft": draft(u)? }),
        "undo_contact" | "delete_contact" => json!({ "id": id(u)? }),
        "restore_contact" => json!({ "contact": contact(u)? }),
        "history" => json!({
            "query": history_query(u)?,
            "after": if u.arbitrary()? { json!({ "local": local(u)?, "id": id(u)? }) } else { Value::Null },
            "limit": u.arbitrary::<u32>()?,
        }),
        "history_count" => json!({ "query": history_query(u)? }),
        "jar" => json!({ "period": *u.choose(&["today", "week"])?, "member": option(u, member)? }),
        "save_settings" => json!({ "settings": settings(u)? }),
        "add_member" => json!({ "name": member(u)? }),
        "rename_member" => json!({ "old": member(u)?, "new": member(u)? }),
        "set_member_active" => json!({ "name": member(u)?, "active": u.arbitrary::<bool>()? }),
        "review" => json!({ "query": review_query(u)?, "lang": lang(u)? }),
        "drill" => json!({ "query": review_query(u)?, "key": drill_key(u)? }),
        "save_chart_png" | "save_report" => json!({
            "query": review_query(u)?, "lang": lang(u)?, "chart": "trend", "title": "Speichern",
        }),
        "export_file" => json!({ "kind": "json", "title": "Export" }),
        _ => json!({}),
    };
    Ok((cmd.to_string(), args))
}

fn option(
    u: &mut Unstructured<'_>,
    value: impl FnOnce(&mut Unstructured<'_>) -> Result<Value>,
) -> Result<Value> {
    if u.arbitrary()? {
        value(u)
    } else {
        Ok(Value::Null)
    }
}

fn text(u: &mut Unstructured<'_>) -> Result<String> {
    u.arbitrary()
}

/// A code of `T` as the window sends it, a label, or something close to one.
fn code<T: Code>(u: &mut Unstructured<'_>) -> Result<Value> {
    let value = *u.choose(T::ALL)?;
    Ok(match u.int_in_range(0..=9)? {
        0 => Value::String(value.label(Lang::De).to_uppercase()),
        1 => Value::String(text(u)?),
        _ => Value::String(value.code().to_string()),
    })
}

fn codes<T: Code>(u: &mut Unstructured<'_>) -> Result<Value> {
    let n = u.int_in_range(0..=3)?;
    (0..n)
        .map(|_| code::<T>(u))
        .collect::<Result<Vec<_>>>()
        .map(Value::Array)
}

fn lang(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(json!(u.choose(&[Lang::De, Lang::En])?.code()))
}

/// Mostly days around now; sometimes anywhere chrono can count, or one of its edges.
fn date(u: &mut Unstructured<'_>) -> Result<NaiveDate> {
    let near = NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date");
    Ok(match u.int_in_range(0..=9)? {
        0 => *u.choose(&[
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(0, 1, 1).expect("year 0"),
            NaiveDate::from_ymd_opt(1969, 12, 31).expect("1969"),
            NaiveDate::from_ymd_opt(1970, 1, 1).expect("1970"),
            NaiveDate::from_ymd_opt(9999, 12, 31).expect("9999"),
            NaiveDate::from_ymd_opt(10000, 1, 1).expect("10000"),
        ])?,
        1 => NaiveDate::from_num_days_from_ce_opt(u.arbitrary()?).unwrap_or(near),
        _ => {
            let back = u.int_in_range(0..=800u64)?;
            let date = near.checked_sub_days(Days::new(back)).unwrap_or(near);
            date.checked_add_days(Days::new(u.int_in_range(0..=30)?))
                .unwrap_or(date)
        }
    })
}

/// An RFC 3339 time at such a day, with an offset up to ±23:59 and maybe a fraction of a
/// second, or now and then a text that is not one.
fn time(u: &mut Unstructured<'_>) -> Result<Value> {
    if u.int_in_range(0..=19)? == 0 {
        return Ok(Value::String(text(u)?));
    }
    let day = date(u)?;
    let seconds = u.int_in_range(0..=86_399u32)?;
    let at = day.and_time(
        NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0).unwrap_or(NaiveTime::MIN),
    );
    let offset = match u.int_in_range(0..=3)? {
        0 => u.int_in_range(-86_399..=86_399)?,
        1 => 7200,
        _ => 3600,
    };
    let offset = FixedOffset::east_opt(offset).expect("offset within a day");
    let Some(mut at) = offset.from_local_datetime(&at).single() else {
        return Ok(Value::String(format!("{day}T00:00:00+00:00")));
    };
    if u.int_in_range(0..=9)? == 0 {
        at += chrono::TimeDelta::nanoseconds(i64::from(u.int_in_range(1..=999_999_999)?));
    }
    Ok(Value::String(at.to_rfc3339()))
}

fn local(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(match u.int_in_range(0..=3)? {
        0 => json!(u.arbitrary::<i64>()?),
        _ => json!(date(u)?.and_time(NaiveTime::MIN).and_utc().timestamp()),
    })
}

fn id(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(match u.int_in_range(0..=5)? {
        0 => Value::String(uuid::Uuid::from_bytes(u.arbitrary()?).to_string()),
        1 => Value::String(text(u)?),
        _ => json!(*u.choose(&PREFILLED_IDS)?),
    })
}

fn member(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(match u.int_in_range(0..=7)? {
        0 => Value::String(text(u)?),
        1 => json!(" ana "),
        2 => json!("x".repeat(81)),
        3 => json!("Cem"),
        _ => json!(*u.choose(&["Jürgen", "Ana", "Bea"])?),
    })
}

fn note(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(match u.int_in_range(0..=5)? {
        0 => Value::Null,
        1 => json!("ä".repeat(u.int_in_range(3990..=4010)?)),
        2 => json!("  "),
        _ => Value::String(text(u)?),
    })
}

fn nps(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(match u.int_in_range(0..=3)? {
        0 => Value::Null,
        1 => json!(u.arbitrary::<u8>()?),
        _ => json!(u.int_in_range(0..=11u8)?),
    })
}

fn draft(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(json!({
        "rating": code::<Rating>(u)?,
        "occurred_at": option(u, time)?,
        "member": option(u, member)?,
        "channel": option(u, code::<Channel>)?,
        "phase": option(u, code::<Phase>)?,
        "purpose": option(u, code::<Purpose>)?,
        "motives": codes::<Motive>(u)?,
        "perspectives": codes::<Perspective>(u)?,
        "note": note(u)?,
        "share_in_review": u.arbitrary::<bool>()?,
        "nps": nps(u)?,
    }))
}

fn contact(u: &mut Unstructured<'_>) -> Result<Value> {
    let mut contact = draft(u)?;
    contact["id"] = id(u)?;
    contact["occurred_at"] = time(u)?;
    contact["logged_at"] = time(u)?;
    Ok(contact)
}

fn history_query(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(json!({
        "from": option(u, |u| Ok(json!(date(u)?)))?,
        "to": option(u, |u| Ok(json!(date(u)?)))?,
        "rating": option(u, code::<Rating>)?,
        "channel": option(u, code::<Channel>)?,
        "motive": option(u, code::<Motive>)?,
        "perspective": option(u, code::<Perspective>)?,
        "member": option(u, member)?,
        "text": option(u, |u| Ok(json!(*u.choose(&["kundin", "GESCHICHTE", "ä", "\"", "x"])?)))?,
    }))
}

/// Mostly a period of up to about a year, as the dashboard asks for; now and then any two
/// dates (a review over millennia is slow, so rarely).
fn period(u: &mut Unstructured<'_>) -> Result<(NaiveDate, NaiveDate)> {
    let from = date(u)?;
    if u.int_in_range(0..=15)? == 0 {
        return Ok((from, date(u)?));
    }
    let days = Days::new(u.int_in_range(0..=400)?);
    Ok((from, from.checked_add_days(days).unwrap_or(from)))
}

fn review_query(u: &mut Unstructured<'_>) -> Result<Value> {
    let (from, to) = period(u)?;
    Ok(json!({
        "from": from,
        "to": to,
        "filter": {
            "channel": option(u, code::<Channel>)?,
            "phase": option(u, code::<Phase>)?,
            "purpose": option(u, code::<Purpose>)?,
            "motive": option(u, code::<Motive>)?,
            "perspective": option(u, code::<Perspective>)?,
            "rating": option(u, code::<Rating>)?,
        },
        "member": option(u, member)?,
    }))
}

fn settings(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(json!({
        "team_name": match u.int_in_range(0..=2)? {
            0 => json!("<script>alert(1)</script> & \"Co\""),
            1 => json!("ä".repeat(u.int_in_range(75..=85)?)),
            _ => Value::String(text(u)?),
        },
        "language": lang(u)?,
        "week_start": code::<WeekStart>(u)?,
        "target_golden_share": *u.choose(&[0.0, 0.5, 1.0, 1.000_000_1, -0.1, 1e308])?,
        "default_channel": option(u, code::<Channel>)?,
        "hide_team_jar": u.arbitrary::<bool>()?,
    }))
}

/// A drill-down key as the charts write them, or one they never would.
fn drill_key(u: &mut Unstructured<'_>) -> Result<String> {
    let rating = |u: &mut Unstructured<'_>| -> Result<String> {
        Ok(u.choose(&["golden", "ordinary", "gold", ""])?.to_string())
    };
    let code_of = |u: &mut Unstructured<'_>, kind: usize| -> Result<String> {
        Ok(match code_text(u, kind)? {
            Value::String(s) => s,
            other => other.to_string(),
        })
    };
    Ok(match u.int_in_range(0..=11)? {
        0 => format!("days:{}:{}", date(u)?, date(u)?),
        1 => format!("days:{}:{}:{}", date(u)?, date(u)?, rating(u)?),
        2 => format!("rating:{}", rating(u)?),
        3 => format!("channel:{}", code_of(u, 0)?),
        4 => format!("phase:{}", code_of(u, 1)?),
        5 => format!("purpose:{}", code_of(u, 2)?),
        6 => format!("weekday:{}", u.int_in_range(-1..=8)?),
        7 => format!("hour:{}", u.int_in_range(-1..=25)?),
        8 => format!(
            "heat:{}:{}",
            u.int_in_range(-1..=8)?,
            u.int_in_range(-1..=25)?
        ),
        9 => format!("motive:{}:{}", code_of(u, 3)?, rating(u)?),
        10 => format!("perspective:{}:{}", code_of(u, 4)?, rating(u)?),
        _ => text(u)?,
    })
}

fn code_text(u: &mut Unstructured<'_>, kind: usize) -> Result<Value> {
    match kind {
        0 => code::<Channel>(u),
        1 => code::<Phase>(u),
        2 => code::<Purpose>(u),
        3 => code::<Motive>(u),
        _ => code::<Perspective>(u),
    }
}
