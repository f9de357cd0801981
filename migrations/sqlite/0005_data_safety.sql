-- Version 5: undo removes what was just logged on this computer, and the team's data
-- protection settings. Documented in docs/schema.md.

-- Contacts logged (not imported) in the last minutes, and on which computer, so `undo`
-- takes back what was just logged here — never an imported contact whose logging time
-- happens to be recent or in the future. Rows older than the undo window are pruned by
-- every log; a deleted contact takes its row with it.
CREATE TABLE recent_log (
    contact_id BLOB    NOT NULL PRIMARY KEY REFERENCES contact (id) ON DELETE CASCADE,
    logged_at  INTEGER NOT NULL,
    -- A pseudonymous id of the computer and account that logged it (a UUID v5 of host
    -- and user name), never the names themselves.
    device     TEXT    NOT NULL
) STRICT;
CREATE INDEX recent_log_by_device ON recent_log (device, logged_at);

-- 1: contacts store no member at all; the member chooser disappears (a works council can
-- agree to the tool without worrying about monitoring).
ALTER TABLE settings ADD COLUMN anonymous_only INTEGER NOT NULL DEFAULT 0
    CHECK (anonymous_only IN (0, 1));
-- Stories older than this many months are deleted; NULL keeps them.
ALTER TABLE settings ADD COLUMN story_retention_months INTEGER
    CHECK (story_retention_months IS NULL OR story_retention_months BETWEEN 1 AND 120);
