//! Realistic, deterministic demo data: a few team members logging contacts on working
//! days, with busy hours, tags that go with the rating, some stories and a visible trend.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, FixedOffset, Local, NaiveDate, NaiveTime, Weekday};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use uuid::Uuid;

use crate::datetime::resolve_local;
use crate::domain::{Channel, Contact, Motive, Obstacle, Perspective, Phase, Purpose, Rating};
use crate::store::{Store, StoreError};

#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub weeks: u32,
    pub members: u32,
    /// Contacts per member per working day, on average.
    pub per_day: u32,
    pub seed: u64,
    /// The last day with contacts (contacts stop at `now` on that day).
    pub until: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DemoSummary {
    pub contacts: u64,
    pub members: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the database already holds {0} contacts; demo data only goes into an empty database (pick a new file with --db)")]
    NotEmpty(u64),
    #[error("--members must be between 1 and {max}, not {given}", max = NAMES.len())]
    Members { given: u32 },
    #[error("--weeks must be between 1 and 520, not {0}")]
    Weeks(u32),
    #[error("--per-day must be between 1 and 500, not {0}")]
    PerDay(u32),
    #[error(transparent)]
    Store(#[from] StoreError),
}

const NAMES: &[&str] = &[
    "Anna", "Ben", "Cem", "Dana", "Emil", "Fatma", "Greta", "Hannes", "Ida", "Jonas", "Kübra",
    "Lars", "Mia", "Noah", "Olga", "Paul", "Quirin", "Rosa", "Sven", "Tülay", "Ute", "Vito",
    "Wiebke", "Xaver", "Yasmin", "Zoe", "Arne", "Bea", "Carlo", "Dörte", "Elif", "Finn",
];

const GOLDEN_STORIES: &[&str] = &[
    "Kundin kam mit einer Frage zur Rechnung; wir haben nebenbei einen günstigeren Tarif gefunden. Sie hat sich dreimal bedankt.",
    "Herr K. hatte seinen Termin vergessen. Ich habe ihn angerufen, wir haben einen neuen gefunden, noch am selben Tag.",
    "Ein älteres Ehepaar wollte das Online-Formular nicht ausfüllen. Wir haben es zusammen am Tresen gemacht, mit Kaffee.",
    "Kunde erzählte vom Umzug; ich habe ihm die Checkliste mitgegeben, die wir intern nutzen. Er will uns weiterempfehlen.",
    "Versprochener Rückruf pünktlich um 15 Uhr, Lösung gleich dabei. Die Kundin war hörbar überrascht.",
    "Lieferung verspätet: ich habe früh Bescheid gegeben, mit Grund und zwei Alternativen. Kunde wählte selbst und war zufrieden.",
];

const ORDINARY_STORIES: &[&str] = &[
    "Standardfrage zu Öffnungszeiten, schnell beantwortet, nichts Besonderes.",
    "Kunde musste dreimal verbunden werden, bis jemand zuständig war.",
    "Rückfrage per E-Mail blieb zwei Tage liegen; die Antwort war korrekt, aber spät.",
    "Beschwerde über Wartezeit. Ich habe mich entschuldigt, konnte aber nichts anbieten.",
    "Formular unvollständig zurückgeschickt, wir mussten nachfragen.",
];

/// Fills an empty database with demo data. Same options, same data.
pub fn fill(store: &mut Store, options: &DemoOptions) -> Result<DemoSummary, DemoError> {
    if !(1..=NAMES.len() as u32).contains(&options.members) {
        return Err(DemoError::Members {
            given: options.members,
        });
    }
    if !(1..=520).contains(&options.weeks) {
        return Err(DemoError::Weeks(options.weeks));
    }
    if !(1..=500).contains(&options.per_day) {
        return Err(DemoError::PerDay(options.per_day));
    }
    let existing = store.count_contacts()?;
    if existing > 0 {
        return Err(DemoError::NotEmpty(existing));
    }
    let now = crate::datetime::now();
    let names = &NAMES[..options.members as usize];
    for name in names {
        // Demo members may already exist in a file that had members but no contacts.
        if store.member_id(name)?.is_none() {
            store.insert_member(name)?;
        }
    }
    let (summary, _) = store.bulk(|sink| {
        let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
        // Each person has their own baseline: people differ, the demo should too.
        let people: Vec<(&str, f64)> = names
            .iter()
            .map(|name| (*name, rng.random_range(-0.08..0.08)))
            .collect();
        let days = i64::from(options.weeks) * 7;
        let first = options.until - Duration::days(days - 1);
        let mut contacts = 0u64;
        for offset in 0..days {
            let day = first + Duration::days(offset);
            let weekday_factor = match day.weekday() {
                Weekday::Sat => 0.35,
                Weekday::Sun => continue,
                Weekday::Mon => 1.15,
                Weekday::Fri => 0.85,
                _ => 1.0,
            };
            // The trend: from about 35 % golden at the start to about 55 % at the end.
            let progress = offset as f64 / days as f64;
            let base_share = 0.35 + 0.20 * progress;
            for (name, personal) in &people {
                let expected = f64::from(options.per_day) * weekday_factor;
                let count = poisson_like(&mut rng, expected);
                for _ in 0..count {
                    let Some(at) = contact_time(&mut rng, day) else {
                        continue;
                    };
                    if at > now {
                        continue;
                    }
                    let mut contact = make_contact(&mut rng, at, base_share + personal);
                    contact.member = (rng.random::<f64>() > 0.08).then(|| name.to_string());
                    sink.add(&contact)?;
                    contacts += 1;
                }
            }
        }
        Ok::<_, DemoError>(DemoSummary {
            contacts,
            members: people.len() as u64,
        })
    })?;
    Ok(summary)
}

/// A count around `mean` (sum of Bernoulli trials; no extra dependency needed).
fn poisson_like(rng: &mut ChaCha8Rng, mean: f64) -> u32 {
    let trials = (mean * 2.0).ceil() as u32;
    if trials == 0 {
        return 0;
    }
    let p = mean / f64::from(trials);
    (0..trials).filter(|_| rng.random::<f64>() < p).count() as u32
}

/// An opening-hours time with peaks late morning and mid-afternoon.
fn contact_time(rng: &mut ChaCha8Rng, day: NaiveDate) -> Option<DateTime<FixedOffset>> {
    const HOUR_WEIGHTS: [(u32, u32); 10] = [
        (8, 4),
        (9, 8),
        (10, 12),
        (11, 12),
        (12, 6),
        (13, 7),
        (14, 10),
        (15, 11),
        (16, 8),
        (17, 4),
    ];
    let total: u32 = HOUR_WEIGHTS.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    let hour = HOUR_WEIGHTS
        .iter()
        .find(|(_, w)| {
            if pick < *w {
                true
            } else {
                pick -= w;
                false
            }
        })
        .map_or(12, |(h, _)| *h);
    let time = NaiveTime::from_hms_opt(hour, rng.random_range(0..60), rng.random_range(0..60))?;
    resolve_local(day.and_time(time), &Local).ok()
}

fn make_contact(rng: &mut ChaCha8Rng, at: DateTime<FixedOffset>, share: f64) -> Contact {
    let hour = chrono::Timelike::hour(&at);
    // Lunchtime rush and late afternoon are a little less golden.
    let time_effect = match hour {
        12 | 13 => -0.06,
        17 => -0.04,
        _ => 0.0,
    };
    let channel = pick(
        rng,
        &[
            (Channel::InPerson, 40),
            (Channel::Phone, 30),
            (Channel::Email, 18),
            (Channel::Chat, 6),
            (Channel::Social, 3),
            (Channel::Video, 2),
            (Channel::Letter, 1),
        ],
    );
    let channel_effect = match channel {
        Channel::InPerson => 0.06,
        Channel::Email | Channel::Letter => -0.10,
        _ => 0.0,
    };
    let golden = rng.random::<f64>() < (share + time_effect + channel_effect).clamp(0.02, 0.98);
    let rating = if golden {
        Rating::Golden
    } else {
        Rating::Ordinary
    };
    // Logged a minute or two after the contact.
    let logged_at = at + Duration::seconds(rng.random_range(20..240));
    let id = demo_id(rng, at);
    let mut contact = Contact::new(rating, at);
    contact.id = id;
    contact.logged_at = logged_at;
    let tagged = rng.random::<f64>() < 0.7;
    if tagged {
        contact.channel = Some(channel);
        contact.purpose = Some(pick(
            rng,
            &[
                (Purpose::Information, 30),
                (Purpose::Advice, 25),
                (Purpose::Support, 20),
                (Purpose::Care, 12),
                (Purpose::Acquisition, 8),
                (Purpose::Feedback, 5),
            ],
        ));
        if rng.random::<f64>() < 0.6 {
            contact.phase = Some(pick(
                rng,
                &[
                    (Phase::FirstContact, 20),
                    (Phase::FirstPurchase, 15),
                    (Phase::FollowUpPurchase, 25),
                    (Phase::RepeatPurchase, 40),
                ],
            ));
        }
        // On a golden contact a motive says what made it golden; on 08/15, what was missing.
        let motive_weights: &[(Motive, u32)] = if golden {
            &[
                (Motive::Individuality, 30),
                (Motive::Recognition, 25),
                (Motive::AddedValue, 15),
                (Motive::Reliability, 15),
                (Motive::Speed, 8),
                (Motive::Simplicity, 7),
            ]
        } else {
            &[
                (Motive::Speed, 30),
                (Motive::Simplicity, 25),
                (Motive::Reliability, 18),
                (Motive::Individuality, 12),
                (Motive::AddedValue, 8),
                (Motive::Recognition, 7),
            ]
        };
        contact.motives = pick_set(rng, motive_weights, 0.8);
        let perspective_weights: &[(Perspective, u32)] = if golden {
            &[
                (Perspective::NeedsMotives, 30),
                (Perspective::Expectations, 25),
                (Perspective::BrandPromise, 20),
                (Perspective::QualityUnderstanding, 15),
                (Perspective::Megatrends, 6),
                (Perspective::Market, 4),
            ]
        } else {
            &[
                (Perspective::QualityUnderstanding, 30),
                (Perspective::Expectations, 25),
                (Perspective::Market, 15),
                (Perspective::BrandPromise, 15),
                (Perspective::NeedsMotives, 10),
                (Perspective::Megatrends, 5),
            ]
        };
        contact.perspectives = pick_set(rng, perspective_weights, 0.45);
        if !golden {
            contact.obstacles = demo_obstacles(id);
        }
    }
    if rng.random::<f64>() < 0.07 {
        let stories = if golden {
            GOLDEN_STORIES
        } else {
            ORDINARY_STORIES
        };
        contact.note = Some(stories[rng.random_range(0..stories.len())].to_string());
        contact.share_in_review = rng.random::<f64>() < 0.6;
    }
    if rng.random::<f64>() < 0.12 {
        let score = if golden {
            pick(rng, &[(10u8, 45), (9, 35), (8, 15), (7, 5)])
        } else {
            pick(rng, &[(9u8, 5), (8, 25), (7, 30), (6, 20), (5, 12), (3, 8)])
        };
        contact.nps = Some(score);
    }
    contact
}

/// What got in the way of about a third of the tagged 08/15 contacts. Taken from the id's
/// random bits rather than drawn from the generator, so everything else the demo makes
/// stays as it was before obstacles existed.
fn demo_obstacles(id: Uuid) -> BTreeSet<Obstacle> {
    let bytes = id.as_bytes();
    if bytes[15] % 3 != 0 {
        return BTreeSet::new();
    }
    // Lack of time most often, then pressure, missing knowledge, mood.
    let first = match bytes[14] % 10 {
        0..=3 => Obstacle::LackOfTime,
        4..=6 => Obstacle::Pressure,
        7 | 8 => Obstacle::MissingKnowledge,
        _ => Obstacle::Mood,
    };
    let mut set = BTreeSet::from([first]);
    if bytes[13] % 5 == 0 {
        set.insert(Obstacle::Pressure);
    }
    set
}

/// A UUID v7 for `at` with random bits from the seeded generator, so ids are repeatable.
fn demo_id(rng: &mut ChaCha8Rng, at: DateTime<FixedOffset>) -> Uuid {
    let random: [u8; 10] = rng.random();
    let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid()
}

fn pick<T: Copy>(rng: &mut ChaCha8Rng, weighted: &[(T, u32)]) -> T {
    let total: u32 = weighted.iter().map(|(_, w)| w).sum();
    let mut n = rng.random_range(0..total);
    for (value, weight) in weighted {
        if n < *weight {
            return *value;
        }
        n -= weight;
    }
    weighted[0].0
}

/// One to three tags, each drawn by weight, with probability `p_any` of naming any.
fn pick_set<T: Copy + Ord>(rng: &mut ChaCha8Rng, weighted: &[(T, u32)], p_any: f64) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    if rng.random::<f64>() >= p_any {
        return set;
    }
    let how_many = pick(rng, &[(1usize, 60), (2, 30), (3, 10)]);
    for _ in 0..how_many {
        set.insert(pick(rng, weighted));
    }
    set
}
