-- Version 6: the folder the team keeps the backups in (relative paths start from the
-- database file's folder). NULL: `murmelglas-backups` beside the database file.
-- Documented in docs/backups.md.
ALTER TABLE settings ADD COLUMN backup_dir TEXT
    CHECK (backup_dir IS NULL OR length(backup_dir) BETWEEN 1 AND 4096);
