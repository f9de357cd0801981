-- Murmelglas schema, version 1. Documented for humans in docs/schema.md.
-- Codes are stored as small integers (see the `code` table); tag sets as bit masks.

CREATE TABLE member (
    id     INTEGER PRIMARY KEY,
    name   TEXT    NOT NULL UNIQUE COLLATE NOCASE
           CHECK (length(name) BETWEEN 1 AND 80 AND name = trim(name)),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE contact (
    -- UUID v7 as 16 raw bytes.
    id              BLOB    NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    -- Local wall-clock time of the contact in seconds since 1970-01-01 00:00 (as if UTC),
    -- and the UTC offset in minutes at that moment: UTC = occurred_local - 60 * occurred_offset.
    occurred_local  INTEGER NOT NULL CHECK (occurred_local BETWEEN 0 AND 253402300799),
    occurred_offset INTEGER NOT NULL CHECK (occurred_offset BETWEEN -1080 AND 1080),
    -- Local calendar day (days since 1970-01-01), what daily/weekly/monthly figures group by.
    occurred_day    INTEGER GENERATED ALWAYS AS (occurred_local / 86400) VIRTUAL,
    -- When it was logged: UTC seconds since 1970 and the offset in minutes.
    logged_at       INTEGER NOT NULL CHECK (logged_at >= 0),
    logged_offset   INTEGER NOT NULL CHECK (logged_offset BETWEEN -1080 AND 1080),
    member_id       INTEGER REFERENCES member (id),
    golden          INTEGER NOT NULL CHECK (golden IN (0, 1)),
    channel         INTEGER CHECK (channel BETWEEN 1 AND 7),
    phase           INTEGER CHECK (phase BETWEEN 1 AND 4),
    purpose         INTEGER CHECK (purpose BETWEEN 1 AND 6),
    motives         INTEGER NOT NULL DEFAULT 0 CHECK (motives BETWEEN 0 AND 63),
    perspectives    INTEGER NOT NULL DEFAULT 0 CHECK (perspectives BETWEEN 0 AND 63),
    note            TEXT    CHECK (note IS NULL OR length(note) BETWEEN 1 AND 4000),
    share_in_review INTEGER NOT NULL DEFAULT 0 CHECK (share_in_review IN (0, 1)),
    nps             INTEGER CHECK (nps BETWEEN 0 AND 10)
) STRICT, WITHOUT ROWID;

-- Covers time-range figures (day, rating) and newest-first listing without touching rows.
CREATE INDEX contact_by_time ON contact (occurred_day, occurred_local, golden);

-- Contacts and golden ones per local day, kept by the triggers below for every writer
-- (the app, the CLI, or sqlite3 by hand), so daily/weekly/monthly figures over years of
-- contacts read a few thousand rows instead of millions.
CREATE TABLE day_count (
    day    INTEGER PRIMARY KEY,
    total  INTEGER NOT NULL CHECK (total >= 0),
    golden INTEGER NOT NULL CHECK (golden >= 0)
) STRICT;

CREATE TRIGGER contact_counted AFTER INSERT ON contact BEGIN
    INSERT INTO day_count (day, total, golden) VALUES (NEW.occurred_local / 86400, 1, NEW.golden)
    ON CONFLICT (day) DO UPDATE SET total = total + 1, golden = golden + excluded.golden;
END;

CREATE TRIGGER contact_uncounted AFTER DELETE ON contact BEGIN
    UPDATE day_count SET total = total - 1, golden = golden - OLD.golden
     WHERE day = OLD.occurred_local / 86400;
    DELETE FROM day_count WHERE day = OLD.occurred_local / 86400 AND total = 0;
END;

CREATE TRIGGER contact_recounted AFTER UPDATE OF occurred_local, golden ON contact BEGIN
    UPDATE day_count SET total = total - 1, golden = golden - OLD.golden
     WHERE day = OLD.occurred_local / 86400;
    DELETE FROM day_count WHERE day = OLD.occurred_local / 86400 AND total = 0;
    INSERT INTO day_count (day, total, golden) VALUES (NEW.occurred_local / 86400, 1, NEW.golden)
    ON CONFLICT (day) DO UPDATE SET total = total + 1, golden = golden + excluded.golden;
END;

-- One row of team settings.
CREATE TABLE settings (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    team_name           TEXT NOT NULL DEFAULT '' CHECK (length(team_name) <= 80),
    language            TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
    week_start          TEXT NOT NULL DEFAULT 'monday'
                        CHECK (week_start IN ('monday', 'sunday', 'saturday')),
    target_golden_share REAL NOT NULL DEFAULT 0.5 CHECK (target_golden_share BETWEEN 0 AND 1)
) STRICT;
INSERT INTO settings (id) VALUES (1);

-- The codes behind the integers, for people querying the file with sqlite3.
CREATE TABLE code (
    kind     TEXT    NOT NULL,
    id       INTEGER NOT NULL,
    code     TEXT    NOT NULL,
    label_de TEXT    NOT NULL,
    label_en TEXT    NOT NULL,
    PRIMARY KEY (kind, id)
) STRICT, WITHOUT ROWID;

INSERT INTO code (kind, id, code, label_de, label_en) VALUES
    ('rating', 1, 'golden', 'Gold', 'Golden'),
    ('rating', 0, 'ordinary', '08/15', '08/15'),
    ('channel', 1, 'in-person', 'Persönlich', 'In person'),
    ('channel', 2, 'phone', 'Telefon', 'Phone'),
    ('channel', 3, 'email', 'E-Mail', 'E-mail'),
    ('channel', 4, 'social', 'Social Media', 'Social media'),
    ('channel', 5, 'chat', 'Chat', 'Chat'),
    ('channel', 6, 'video', 'Video', 'Video'),
    ('channel', 7, 'letter', 'Brief', 'Letter'),
    ('phase', 1, 'first-contact', 'Erstkontakt', 'First contact'),
    ('phase', 2, 'first-purchase', 'Erstkauf', 'First purchase'),
    ('phase', 3, 'follow-up-purchase', 'Folgekauf', 'Follow-up purchase'),
    ('phase', 4, 'repeat-purchase', 'Wiederholungskauf', 'Repeat purchase'),
    ('purpose', 1, 'acquisition', 'Kundengewinnung', 'Acquisition'),
    ('purpose', 2, 'care', 'Kundenpflege', 'Customer care'),
    ('purpose', 3, 'information', 'Information', 'Information'),
    ('purpose', 4, 'advice', 'Beratung', 'Advice'),
    ('purpose', 5, 'support', 'Unterstützung', 'Support'),
    ('purpose', 6, 'feedback', 'Anregungen & Beschwerden', 'Suggestions & complaints'),
    ('motive', 0, 'individuality', 'Individualität', 'Individuality'),
    ('motive', 1, 'simplicity', 'Einfachheit', 'Simplicity'),
    ('motive', 2, 'speed', 'Geschwindigkeit', 'Speed'),
    ('motive', 3, 'recognition', 'Anerkennung', 'Recognition'),
    ('motive', 4, 'reliability', 'Verlässlichkeit', 'Reliability'),
    ('motive', 5, 'added-value', 'Mehrwert', 'Added value'),
    ('perspective', 0, 'quality-understanding', 'Qualitätsverständnis', 'Quality understanding'),
    ('perspective', 1, 'brand-promise', 'Leistungsversprechen', 'Brand promise'),
    ('perspective', 2, 'needs-motives', 'Bedürfnisse & Motive', 'Needs & motives'),
    ('perspective', 3, 'expectations', 'Spezifische Erwartungen', 'Specific expectations'),
    ('perspective', 4, 'megatrends', 'Megatrends', 'Megatrends'),
    ('perspective', 5, 'market', 'Markt & Wettbewerb', 'Market & competition');

-- Contacts with readable values: SELECT * FROM contact_readable ORDER BY occurred_at DESC;
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
    c.note,
    c.share_in_review,
    c.nps
FROM contact c
LEFT JOIN member m ON m.id = c.member_id;
