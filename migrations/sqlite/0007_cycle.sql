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
