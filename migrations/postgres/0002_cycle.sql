-- Schema version 2: the improvement cycle of the weekly meeting (goals → measures →
-- results → conclusions), "what got in our way" on 08/15 contacts, and the source's own
-- words for phases and purposes; the same as migrations/sqlite/ version 8.

-- The source's words: "Nachkauf", "Betreuung", "Anregungs- und Beschwerdemanagement".
UPDATE code SET label_de = 'Nachkauf' WHERE kind = 'phase' AND id = 3;
UPDATE code SET label_de = 'Betreuung', label_en = 'Looking after customers'
 WHERE kind = 'purpose' AND id = 5;
UPDATE code SET label_de = 'Anregungs- und Beschwerdemanagement'
 WHERE kind = 'purpose' AND id = 6;
