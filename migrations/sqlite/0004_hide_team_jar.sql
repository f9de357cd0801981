-- Version 4: the team's jar can stay covered on the log screen until the review meeting,
-- so nobody adjusts their own ratings to the group's.
ALTER TABLE settings ADD COLUMN hide_team_jar INTEGER NOT NULL DEFAULT 0
    CHECK (hide_team_jar IN (0, 1));
