-- Server schema version 5: goals on complaints per week (for one feedback cause, or all
-- complaints) and measures about a feedback cause; the same as migrations/sqlite/
-- version 11.

-- A complaints goal names its cause by the cause's row; NULL with that metric: all
-- complaints. A part goes with a golden share only, a cause with complaints only.
ALTER TABLE goal DROP CONSTRAINT goal_metric_check;
ALTER TABLE goal ADD CONSTRAINT goal_metric_check
    CHECK (metric IN ('golden-share', 'complaints-per-week'));
ALTER TABLE goal ADD COLUMN cause_id BIGINT REFERENCES feedback_cause (id);
ALTER TABLE goal ADD CONSTRAINT goal_part_only_for_shares
    CHECK (part_kind IS NULL OR metric = 'golden-share');
ALTER TABLE goal ADD CONSTRAINT goal_cause_only_for_complaints
    CHECK (cause_id IS NULL OR metric = 'complaints-per-week');
CREATE INDEX goal_by_cause ON goal (cause_id) WHERE cause_id IS NOT NULL;

-- A measure is about a focus (why_kind, why_code) or about the complaints of a cause
-- (why_cause_id), never both; neither: all contacts.
ALTER TABLE measure ADD COLUMN why_cause_id BIGINT REFERENCES feedback_cause (id);
ALTER TABLE measure ADD CONSTRAINT measure_focus_or_cause
    CHECK (why_cause_id IS NULL OR why_kind IS NULL);
CREATE INDEX measure_by_cause ON measure (why_cause_id) WHERE why_cause_id IS NOT NULL;
