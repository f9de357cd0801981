-- Schema version 2: the improvement cycle of the weekly meeting (goals → measures →
-- results → conclusions), "what got in our way" on 08/15 contacts, and the source's own
-- words for phases and purposes; the same as migrations/sqlite/ version 8.

-- The source's words: "Nachkauf", "Betreuung", "Anregungs- und Beschwerdemanagement".
UPDATE code SET label_de = 'Nachkauf' WHERE kind = 'phase' AND id = 3;
UPDATE code SET label_de = 'Betreuung', label_en = 'Looking after customers'
 WHERE kind = 'purpose' AND id = 5;
UPDATE code SET label_de = 'Anregungs- und Beschwerdemanagement'
 WHERE kind = 'purpose' AND id = 6;

-- What got in our way on an 08/15 contact, as a bit mask like the motives (the `code`
-- table's kind `obstacle`). A golden contact names none.
ALTER TABLE contact ADD COLUMN obstacles SMALLINT NOT NULL DEFAULT 0
    CHECK (obstacles BETWEEN 0 AND 15 AND (obstacles = 0 OR NOT golden));
INSERT INTO code (kind, id, code, label_de, label_en) VALUES
    ('obstacle', 0, 'lack-of-time', 'Zeitmangel', 'Lack of time'),
    ('obstacle', 1, 'mood', 'Laune', 'Mood'),
    ('obstacle', 2, 'missing-knowledge', 'Fehlendes Wissen', 'Missing knowledge'),
    ('obstacle', 3, 'pressure', 'Zu großer Druck', 'Too much pressure');
