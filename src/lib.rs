//! Murmelglas core: the marble experiment of customer-contact training as data.
//!
//! Knows nothing of Tauri: the CLI (`src/bin/murmelglas/`) and the desktop shell call the same
//! functions.

pub mod analytics;
pub mod backup;
pub mod breakdown;
pub mod chart;
pub mod cycle;
pub mod datetime;
pub mod demo;
pub mod domain;
pub mod error_code;
pub mod export;
pub mod feedback;
pub mod import;
pub mod report;
pub mod review;
pub mod store;
pub mod text;

pub use domain::{
    Channel, Code, Contact, Lang, Member, Motive, Obstacle, Perspective, Phase, Purpose, Rating,
    Settings,
};
pub use store::{Store, StoreError};
