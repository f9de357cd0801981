-- Version 8: the place a contact was logged at ("Filiale Markt", "Telefon-Team"), set per
-- computer, so a team on several sites can look at each. Places are created as contacts
-- name them. Documented in docs/schema.md.
CREATE TABLE place (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE COLLATE NOCASE
         CHECK (length(name) BETWEEN 1 AND 80 AND name = trim(name))
) STRICT;
ALTER TABLE contact ADD COLUMN place_id INTEGER REFERENCES place (id);
