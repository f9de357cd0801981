-- Version 11: goals on complaints per week (for one feedback cause, or all complaints) and
-- measures about a feedback cause. Documented in docs/schema.md.

-- SQLite cannot change a CHECK, so the goal table is built anew with its rows kept (no
-- other table refers to a goal). A complaints goal names its cause by the cause's row;
-- NULL with that metric: all complaints.
CREATE TABLE goal_new (
    id         INTEGER PRIMARY KEY,
    text       TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 300 AND text = trim(text)),
    start_on   TEXT    NOT NULL CHECK (start_on = date(start_on)),
    -- The day it was ended: from this day on it is no longer in force.
    ended_on   TEXT    CHECK (ended_on IS NULL OR (ended_on = date(ended_on) AND ended_on >= start_on)),
    metric     TEXT    CHECK (metric IN ('golden-share', 'complaints-per-week')),
    -- The part a golden share measures (a row of `code`); NULL with a metric: all contacts.
    part_kind  TEXT    CHECK (part_kind IN ('channel', 'phase', 'purpose', 'motive', 'perspective')),
    part_code  INTEGER,
    -- The cause whose complaints are counted; a retired cause stays on its goals.
    cause_id   INTEGER REFERENCES feedback_cause (id),
    -- A share from 0 to 1, or complaints per week.
    target     REAL    CHECK (target >= 0 AND (metric <> 'golden-share' OR target <= 1)),
    -- When it was written down, UTC seconds.
    created_at INTEGER NOT NULL,
    CHECK ((metric IS NULL) = (target IS NULL)),
    CHECK ((part_kind IS NULL) = (part_code IS NULL)),
    CHECK (part_kind IS NULL OR metric = 'golden-share'),
    CHECK (cause_id IS NULL OR metric = 'complaints-per-week'),
    FOREIGN KEY (part_kind, part_code) REFERENCES code (kind, id)
) STRICT;
INSERT INTO goal_new (id, text, start_on, ended_on, metric, part_kind, part_code, target, created_at)
SELECT id, text, start_on, ended_on, metric, part_kind, part_code, target, created_at FROM goal;
DROP TABLE goal;
ALTER TABLE goal_new RENAME TO goal;
CREATE INDEX goal_by_cause ON goal (cause_id) WHERE cause_id IS NOT NULL;

-- A measure is about a focus (why_kind, why_code) or about the complaints of a cause
-- (why_cause_id), never both; neither: all contacts. Adding a column keeps the table.
ALTER TABLE measure ADD COLUMN why_cause_id INTEGER REFERENCES feedback_cause (id)
    CHECK (why_cause_id IS NULL OR why_kind IS NULL);
CREATE INDEX measure_by_cause ON measure (why_cause_id) WHERE why_cause_id IS NOT NULL;
