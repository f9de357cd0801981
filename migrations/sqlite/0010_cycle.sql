-- Version 10: the improvement cycle of the weekly meeting (goals → measures → results →
-- conclusions), "what got in our way" on 08/15 contacts, and the source's own words for
-- phases and purposes. Documented in docs/schema.md.

-- The source's words: "Nachkauf", "Betreuung", "Anregungs- und Beschwerdemanagement".
-- The codes stay; files with the old labels still import (they are read as aliases).
UPDATE code SET label_de = 'Nachkauf' WHERE kind = 'phase' AND id = 3;
UPDATE code SET label_de = 'Betreuung', label_en = 'Looking after customers'
 WHERE kind = 'purpose' AND id = 5;
UPDATE code SET label_de = 'Anregungs- und Beschwerdemanagement'
 WHERE kind = 'purpose' AND id = 6;

-- What got in our way on an 08/15 contact, as a bit mask like the motives (the `code`
-- table's kind `obstacle`): 1 lack of time, 2 mood, 4 missing knowledge, 8 too much
-- pressure. A golden contact names none.
ALTER TABLE contact ADD COLUMN obstacles INTEGER NOT NULL DEFAULT 0
    CHECK (obstacles BETWEEN 0 AND 15 AND (obstacles = 0 OR golden = 0));
INSERT INTO code (kind, id, code, label_de, label_en) VALUES
    ('obstacle', 0, 'lack-of-time', 'Zeitmangel', 'Lack of time'),
    ('obstacle', 1, 'mood', 'Laune', 'Mood'),
    ('obstacle', 2, 'missing-knowledge', 'Fehlendes Wissen', 'Missing knowledge'),
    ('obstacle', 3, 'pressure', 'Zu großer Druck', 'Too much pressure');

DROP VIEW contact_readable;
CREATE VIEW contact_readable AS
SELECT
    lower(substr(hex(c.id), 1, 8) || '-' || substr(hex(c.id), 9, 4) || '-' ||
          substr(hex(c.id), 13, 4) || '-' || substr(hex(c.id), 17, 4) || '-' ||
          substr(hex(c.id), 21, 12)) AS id,
    strftime('%Y-%m-%dT%H:%M:%S', c.occurred_local, 'unixepoch') ||
        printf('%s%02d:%02d', CASE WHEN c.occurred_offset < 0 THEN '-' ELSE '+' END,
               abs(c.occurred_offset) / 60, abs(c.occurred_offset) % 60) AS occurred_at,
    strftime('%Y-%m-%dT%H:%M:%SZ', c.logged_at, 'unixepoch') AS logged_at_utc,
    m.name AS member,
    CASE c.golden WHEN 1 THEN 'golden' ELSE 'ordinary' END AS rating,
    (SELECT code FROM code WHERE kind = 'channel' AND id = c.channel) AS channel,
    (SELECT code FROM code WHERE kind = 'phase' AND id = c.phase) AS phase,
    (SELECT code FROM code WHERE kind = 'purpose' AND id = c.purpose) AS purpose,
    (SELECT group_concat(code, '|') FROM code
      WHERE kind = 'motive' AND c.motives & (1 << id)) AS motives,
    (SELECT group_concat(code, '|') FROM code
      WHERE kind = 'perspective' AND c.perspectives & (1 << id)) AS perspectives,
    (SELECT group_concat(code, '|') FROM code
      WHERE kind = 'obstacle' AND c.obstacles & (1 << id)) AS obstacles,
    c.note,
    c.share_in_review,
    c.nps,
    (SELECT name FROM place WHERE id = c.place_id) AS place
FROM contact c
LEFT JOIN member m ON m.id = c.member_id;

-- Goals: what the team aims for from a start date on, in words and optionally with a
-- measurable part (the golden share of all contacts, or of one channel, phase, purpose,
-- motive or perspective) and the value aimed for. Dates are ISO text (YYYY-MM-DD).
CREATE TABLE goal (
    id         INTEGER PRIMARY KEY,
    text       TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 300 AND text = trim(text)),
    start_on   TEXT    NOT NULL CHECK (start_on = date(start_on)),
    -- The day it was ended: from this day on it is no longer in force.
    ended_on   TEXT    CHECK (ended_on IS NULL OR (ended_on = date(ended_on) AND ended_on >= start_on)),
    metric     TEXT    CHECK (metric IN ('golden-share')),
    -- The part it measures (a row of `code`); NULL with a metric: all contacts.
    part_kind  TEXT    CHECK (part_kind IN ('channel', 'phase', 'purpose', 'motive', 'perspective')),
    part_code  INTEGER,
    target     REAL    CHECK (target >= 0 AND (metric <> 'golden-share' OR target <= 1)),
    -- When it was written down, UTC seconds.
    created_at INTEGER NOT NULL,
    CHECK ((metric IS NULL) = (target IS NULL)),
    CHECK ((part_kind IS NULL) = (part_code IS NULL)),
    CHECK (part_kind IS NULL OR metric IS NOT NULL),
    FOREIGN KEY (part_kind, part_code) REFERENCES code (kind, id)
) STRICT;

-- The single target of earlier versions becomes the team's first goal, from the day of
-- its first contact on. Only for a file that was in use (contacts, members, a name or a
-- target of its own): a new file has no goal, so no line reads like a quota.
INSERT INTO goal (text, start_on, metric, target, created_at)
SELECT CASE language
           WHEN 'en' THEN 'Golden share ' || CAST(round(target_golden_share * 100) AS INTEGER)
                          || '% (the target from the settings of earlier versions)'
           ELSE 'Goldanteil ' || CAST(round(target_golden_share * 100) AS INTEGER)
                || ' % (das Ziel aus den Einstellungen früherer Versionen)'
       END,
       coalesce((SELECT date(min(day) * 86400, 'unixepoch') FROM day_count WHERE total > 0),
                date('now')),
       'golden-share', target_golden_share, CAST(strftime('%s', 'now') AS INTEGER)
  FROM settings
 WHERE id = 1
   AND (target_golden_share <> 0.5 OR team_name <> ''
        OR EXISTS (SELECT 1 FROM contact) OR EXISTS (SELECT 1 FROM member));
ALTER TABLE settings DROP COLUMN target_golden_share;

-- Measures: what the team decides to try, why (a row of `code`; NULL: all contacts), who
-- takes care of it (a member; NULL: the team), when it starts, when to look again, and
-- where it stands. An ended measure notes the day it ended.
CREATE TABLE measure (
    id         INTEGER PRIMARY KEY,
    title      TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200 AND title = trim(title)),
    why_kind   TEXT    CHECK (why_kind IN ('channel', 'phase', 'purpose', 'motive', 'perspective')),
    why_code   INTEGER,
    -- A member who leaves (or is erased) hands it back to the team.
    owner_id   INTEGER REFERENCES member (id) ON DELETE SET NULL,
    start_on   TEXT    NOT NULL CHECK (start_on = date(start_on)),
    review_on  TEXT    CHECK (review_on IS NULL OR (review_on = date(review_on) AND review_on >= start_on)),
    status     TEXT    NOT NULL DEFAULT 'planned'
               CHECK (status IN ('planned', 'running', 'kept', 'changed', 'ended')),
    ended_on   TEXT    CHECK (ended_on IS NULL OR (ended_on = date(ended_on) AND ended_on >= start_on)),
    created_at INTEGER NOT NULL,
    CHECK ((why_kind IS NULL) = (why_code IS NULL)),
    CHECK ((status = 'ended') = (ended_on IS NOT NULL)),
    FOREIGN KEY (why_kind, why_code) REFERENCES code (kind, id)
) STRICT;
CREATE INDEX measure_by_owner ON measure (owner_id) WHERE owner_id IS NOT NULL;

-- The team's service rules and principles, the meeting's prompts. The shipped defaults
-- are numbered (`default_no`) and have no text of their own: they are shown in the
-- reader's language until the team rewords them. Retired rules are kept, not shown.
CREATE TABLE service_rule (
    id         INTEGER PRIMARY KEY,
    default_no INTEGER UNIQUE CHECK (default_no BETWEEN 1 AND 10),
    text       TEXT    CHECK (text IS NULL OR (length(text) BETWEEN 1 AND 300 AND text = trim(text))),
    retired_on TEXT    CHECK (retired_on IS NULL OR retired_on = date(retired_on)),
    created_at INTEGER NOT NULL,
    CHECK (default_no IS NOT NULL OR text IS NOT NULL)
) STRICT;
INSERT INTO service_rule (default_no, created_at)
SELECT column1, CAST(strftime('%s', 'now') AS INTEGER)
  FROM (VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10));

-- The minutes of the team's meetings: the day, the period looked at, the four-step
-- conclusions, and everything the meeting saw frozen as JSON (the review's figures, the
-- measures' effects and decisions, the goals in force, the stories discussed by contact
-- id, the rule of the week). They name nobody; saved minutes are never changed.
CREATE TABLE meeting (
    id              INTEGER PRIMARY KEY,
    held_on         TEXT    NOT NULL CHECK (held_on = date(held_on)),
    period_from     TEXT    NOT NULL CHECK (period_from = date(period_from)),
    period_to       TEXT    NOT NULL CHECK (period_to = date(period_to) AND period_to >= period_from),
    goal_text       TEXT    NOT NULL DEFAULT '' CHECK (length(goal_text) <= 4000),
    procedure_text  TEXT    NOT NULL DEFAULT '' CHECK (length(procedure_text) <= 4000),
    result_text     TEXT    NOT NULL DEFAULT '' CHECK (length(result_text) <= 4000),
    conclusion_text TEXT    NOT NULL DEFAULT '' CHECK (length(conclusion_text) <= 4000),
    minutes         TEXT    NOT NULL CHECK (json_valid(minutes)),
    saved_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX meeting_by_day ON meeting (held_on, id);
