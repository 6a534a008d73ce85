-- What went wrong in a run without ending it (goflow's error events: a message that rendered empty, an attachment
-- naming no kind): [{"code","detail","node_uuid","at"}, ...], oldest first, at most 20 (Run.MAX_ERRORS). NULL: none,
-- which is nearly every run, so the column costs nothing on the inbound path.
ALTER TABLE runs ADD COLUMN errors jsonb;
