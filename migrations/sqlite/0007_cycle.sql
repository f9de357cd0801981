-- Version 8: the improvement cycle of the weekly meeting (goals → measures → results →
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
    c.nps
FROM contact c
LEFT JOIN member m ON m.id = c.member_id;
