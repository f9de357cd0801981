-- Version 2: the channel the log screen starts with on a computer that has not chosen one.
ALTER TABLE settings ADD COLUMN default_channel INTEGER
    CHECK (default_channel IS NULL OR default_channel BETWEEN 1 AND 7);
