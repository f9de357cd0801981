-- Version 3: a trigram index over the stories, so a search for text in the story reads
-- the matching stories instead of every contact. Documented in docs/schema.md.

-- One row per contact with a story. The index needs integer row ids, which `contact`
-- (WITHOUT ROWID) lacks; the time lets a search walk its hits newest first without
-- reading the contacts it does not show.
CREATE TABLE story (
    id             INTEGER PRIMARY KEY,
    occurred_local INTEGER NOT NULL,
    contact_id     BLOB    NOT NULL
) STRICT;
CREATE UNIQUE INDEX story_by_time ON story (occurred_local, contact_id);

-- What the index is built from (its external content): the story of each `story` row.
CREATE VIEW story_note AS
SELECT s.id AS id, c.note AS note
FROM story s JOIN contact c ON c.id = s.contact_id AND c.occurred_local = s.occurred_local;

-- Trigrams of every story, folded to lower case (Ä = ä). The text itself stays in
-- `contact`; `columnsize = 0` leaves out the per-row sizes that only ranking needs.
CREATE VIRTUAL TABLE story_search USING fts5 (
    note,
    content = 'story_note',
    content_rowid = 'id',
    columnsize = 0,
    tokenize = 'trigram case_sensitive 0'
);

-- The three triggers that keep `day_count` right now keep the stories too, for every
-- writer, sqlite3 included. (An import drops `contact_counted` and does both in one pass.)
-- An external-content index forgets a row only when given the text it indexed (OLD.note).
DROP TRIGGER contact_counted;
DROP TRIGGER contact_uncounted;
DROP TRIGGER contact_recounted;

CREATE TRIGGER contact_counted AFTER INSERT ON contact BEGIN
    INSERT INTO day_count (day, total, golden) VALUES (NEW.occurred_local / 86400, 1, NEW.golden)
    ON CONFLICT (day) DO UPDATE SET total = total + 1, golden = golden + excluded.golden;
    INSERT INTO story (occurred_local, contact_id)
    SELECT NEW.occurred_local, NEW.id WHERE NEW.note IS NOT NULL;
    INSERT INTO story_search (rowid, note)
    SELECT id, NEW.note FROM story
     WHERE occurred_local = NEW.occurred_local AND contact_id = NEW.id;
END;

CREATE TRIGGER contact_uncounted AFTER DELETE ON contact BEGIN
    UPDATE day_count SET total = total - 1, golden = golden - OLD.golden
     WHERE day = OLD.occurred_local / 86400;
    DELETE FROM day_count WHERE day = OLD.occurred_local / 86400 AND total = 0;
    INSERT INTO story_search (story_search, rowid, note)
    SELECT 'delete', id, OLD.note FROM story
     WHERE occurred_local = OLD.occurred_local AND contact_id = OLD.id;
    DELETE FROM story WHERE occurred_local = OLD.occurred_local AND contact_id = OLD.id;
END;

CREATE TRIGGER contact_recounted AFTER UPDATE OF id, occurred_local, golden, note ON contact
BEGIN
    UPDATE day_count SET total = total - 1, golden = golden - OLD.golden
     WHERE day = OLD.occurred_local / 86400;
    DELETE FROM day_count WHERE day = OLD.occurred_local / 86400 AND total = 0;
    INSERT INTO day_count (day, total, golden) VALUES (NEW.occurred_local / 86400, 1, NEW.golden)
    ON CONFLICT (day) DO UPDATE SET total = total + 1, golden = golden + excluded.golden;
    -- The story is indexed anew only if its text, time or contact changed.
    INSERT INTO story_search (story_search, rowid, note)
    SELECT 'delete', id, OLD.note FROM story
     WHERE occurred_local = OLD.occurred_local AND contact_id = OLD.id
       AND (OLD.note IS NOT NEW.note OR OLD.occurred_local IS NOT NEW.occurred_local
            OR OLD.id IS NOT NEW.id);
    DELETE FROM story
     WHERE occurred_local = OLD.occurred_local AND contact_id = OLD.id
       AND (OLD.note IS NOT NEW.note OR OLD.occurred_local IS NOT NEW.occurred_local
            OR OLD.id IS NOT NEW.id);
    INSERT INTO story (occurred_local, contact_id)
    SELECT NEW.occurred_local, NEW.id
     WHERE NEW.note IS NOT NULL
       AND (OLD.note IS NOT NEW.note OR OLD.occurred_local IS NOT NEW.occurred_local
            OR OLD.id IS NOT NEW.id);
    INSERT INTO story_search (rowid, note)
    SELECT id, NEW.note FROM story
     WHERE occurred_local = NEW.occurred_local AND contact_id = NEW.id
       AND (OLD.note IS NOT NEW.note OR OLD.occurred_local IS NOT NEW.occurred_local
            OR OLD.id IS NOT NEW.id);
END;

-- The stories already there, oldest first.
INSERT INTO story (occurred_local, contact_id)
SELECT occurred_local, id FROM contact WHERE note IS NOT NULL ORDER BY occurred_local, id;
INSERT INTO story_search (story_search) VALUES ('rebuild');
