//! The clickable areas of a chart and what each stands for.

use serde::Serialize;

use super::theme::BackendCoord;

/// One clickable area of a chart: a bar, segment, point column, cell or jar with contacts.
/// Suppressed and empty cells have none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Region {
    /// What the area stands for, machine readable: "days:2026-11-16:2026-11-22" (a period's
    /// days as drawn, so a week clipped by the range opens just those days),
    /// "days:2026-11-16:2026-11-22:golden",
    /// "motive:speed:golden", "motive:speed:ordinary", "perspective:market:golden", "heat:0:9" (weekday 0=Mon, hour),
    /// "channel:phone", "phase:first-contact", "purpose:advice", "weekday:0", "hour:9".
    pub key: String,
    /// Accessible text in the UI language, e.g. "KW 47: 12 Gold, 30 08/15 (29 %)".
    pub label: String,
    /// In SVG user units (pixels of `width`×`height`).
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Region {
    /// The rectangle between two opposite corners, in backend pixels.
    pub(super) fn between(key: String, label: String, a: BackendCoord, b: BackendCoord) -> Region {
        Region {
            key,
            label,
            x: f64::from(a.0.min(b.0)),
            y: f64::from(a.1.min(b.1)),
            width: f64::from((a.0 - b.0).abs()),
            height: f64::from((a.1 - b.1).abs()),
        }
    }
}
