-- Version 9: suggestions and complaints as a process (DOMAIN.md §5): feedback items with
-- their history, the team's causes and deadlines. Documented in docs/schema.md.
-- No column holds a customer's name, address, phone or e-mail.

-- The team's causes. A default cause has no name of its own (the product names it in the
-- team's language); renaming gives it one. Retired causes stay on their items.
CREATE TABLE feedback_cause (
    id      INTEGER PRIMARY KEY,
    code    TEXT    NOT NULL UNIQUE
            CHECK (length(code) BETWEEN 1 AND 60 AND code NOT GLOB '*[^a-z0-9-]*'),
    name    TEXT    CHECK (name IS NULL OR (length(name) BETWEEN 1 AND 60 AND name = trim(name))),
    retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
) STRICT;
INSERT INTO feedback_cause (code) VALUES
    ('waiting-time'), ('reachability'), ('information'), ('promise-kept'), ('manner'),
    ('product'), ('price'), ('process'), ('other');

-- The team's deadlines in working days, and its working weekdays (bit 0 = Monday).
CREATE TABLE feedback_settings (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    answer_days  INTEGER NOT NULL DEFAULT 2 CHECK (answer_days BETWEEN 1 AND 60),
    close_days   INTEGER NOT NULL DEFAULT 10 CHECK (close_days BETWEEN 1 AND 60),
    urgent_days  INTEGER NOT NULL DEFAULT 1 CHECK (urgent_days BETWEEN 1 AND 60),
    working_days INTEGER NOT NULL DEFAULT 63 CHECK (working_days BETWEEN 1 AND 127)
) STRICT;
INSERT INTO feedback_settings (id) VALUES (1);

-- One piece of customer feedback. Times are UTC seconds since 1970 with the local UTC
-- offset in minutes beside them, as `contact.logged_at` keeps them.
CREATE TABLE feedback (
    -- UUID v7 as 16 raw bytes.
    id              BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    -- The short number people say ("#12").
    number          INTEGER NOT NULL UNIQUE CHECK (number > 0),
    -- 1 complaint, 2 suggestion.
    kind            INTEGER NOT NULL CHECK (kind IN (1, 2)),
    summary         TEXT    NOT NULL CHECK (length(summary) BETWEEN 1 AND 500),
    cause_id        INTEGER REFERENCES feedback_cause (id),
    urgent          INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    reply_wanted    INTEGER NOT NULL DEFAULT 0 CHECK (reply_wanted IN (0, 1)),
    -- The contact it came up in; deleting the contact keeps the feedback.
    contact_id      BLOB    REFERENCES contact (id) ON DELETE SET NULL,
    -- Who took it, if anyone is named; erasing the member keeps the feedback.
    recorded_by     INTEGER REFERENCES member (id) ON DELETE SET NULL,
    -- How we answer: at most 200 characters, cleared 90 days after the close.
    answer_note     TEXT    CHECK (answer_note IS NULL OR length(answer_note) BETWEEN 1 AND 200),
    -- The summary may be read out in the team's report.
    share_summary   INTEGER NOT NULL DEFAULT 0 CHECK (share_summary IN (0, 1)),
    -- 1 received, 2 in progress, 3 customer informed, 4 closed.
    state           INTEGER NOT NULL CHECK (state BETWEEN 1 AND 4),
    outcome         TEXT    CHECK (outcome IS NULL OR length(outcome) BETWEEN 1 AND 1000),
    received_at     INTEGER NOT NULL CHECK (received_at >= 0),
    received_offset INTEGER NOT NULL CHECK (received_offset BETWEEN -1080 AND 1080),
    answered_at     INTEGER,
    answered_offset INTEGER CHECK (answered_offset BETWEEN -1080 AND 1080),
    closed_at       INTEGER,
    closed_offset   INTEGER CHECK (closed_offset BETWEEN -1080 AND 1080),
    CHECK ((state = 4) = (closed_at IS NOT NULL AND outcome IS NOT NULL))
) STRICT, WITHOUT ROWID;
CREATE INDEX feedback_by_received ON feedback (received_at);
-- The clearing of answer notes reads only closed items that still have one.
CREATE INDEX feedback_notes_by_close ON feedback (closed_at) WHERE answer_note IS NOT NULL;
-- Deleting a contact or a member looks up the items that name it.
CREATE INDEX feedback_by_contact ON feedback (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX feedback_by_recorder ON feedback (recorded_by) WHERE recorded_by IS NOT NULL;

-- Every step and edit of an item as a dated line, numbered from 1 per item.
CREATE TABLE feedback_event (
    feedback_id BLOB    NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    at          INTEGER NOT NULL CHECK (at >= 0),
    at_offset   INTEGER NOT NULL CHECK (at_offset BETWEEN -1080 AND 1080),
    -- NULL on the line of its arrival.
    from_state  INTEGER CHECK (from_state BETWEEN 1 AND 4),
    to_state    INTEGER NOT NULL CHECK (to_state BETWEEN 1 AND 4),
    -- What an edit changed, as field codes joined by '|' ('cause|urgent').
    edited      TEXT,
    -- The outcome, the reason for going back, or a remark. Never the answer note.
    note        TEXT    CHECK (note IS NULL OR length(note) BETWEEN 1 AND 1000),
    PRIMARY KEY (feedback_id, seq)
) STRICT, WITHOUT ROWID;

INSERT INTO code (kind, id, code, label_de, label_en) VALUES
    ('feedback-kind', 1, 'complaint', 'Beschwerde', 'Complaint'),
    ('feedback-kind', 2, 'suggestion', 'Anregung', 'Suggestion'),
    ('feedback-state', 1, 'received', 'Eingegangen', 'Received'),
    ('feedback-state', 2, 'in-progress', 'In Bearbeitung', 'In progress'),
    ('feedback-state', 3, 'informed', 'Kunde informiert', 'Customer informed'),
    ('feedback-state', 4, 'closed', 'Abgeschlossen', 'Closed');
