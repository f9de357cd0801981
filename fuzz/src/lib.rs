//! What the fuzz targets check, kept out of the targets so each target is a few lines and
//! a crash's stack names the property that broke.

pub mod commands;
pub mod dates;
pub mod import_check;
pub mod structured;

use std::cell::RefCell;

use murmelglas::export::Format;
use murmelglas::store::Store;

use import_check::{import_all_or_nothing, prefilled_store, Snapshot};

thread_local! {
    /// The prefilled store and its snapshot, kept between inputs while imports fail: a
    /// failed import leaves the store as it was (which is checked), so the next input may
    /// use it. After a successful import the next input starts from a new store.
    static IMPORT_STORE: RefCell<Option<(Store, Snapshot)>> = const { RefCell::new(None) };
}

/// One fuzz input as an import in `format` into the prefilled store.
pub fn import_target(data: &[u8], format: Format) {
    IMPORT_STORE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let (store, before) = slot.get_or_insert_with(|| {
            let store = prefilled_store();
            let before = Snapshot::take(&store);
            before.assert_consistent();
            (store, before)
        });
        if import_all_or_nothing(store, before, data, format).is_ok() {
            *slot = None;
        }
    });
}

/// One fuzz input for the command target: a JSON array of calls as it is, any other bytes
/// as the choices of [`structured::calls`].
pub fn commands_target(data: &[u8]) {
    match commands::parse_calls(data) {
        Some(calls) => commands::run_calls(calls),
        None => commands::run_calls(structured::calls(data)),
    }
}
