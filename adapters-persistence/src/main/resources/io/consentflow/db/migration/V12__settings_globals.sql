-- The organisation's globals (@globals.<key> in flows): one JSON object of text values, beside the special flows.
ALTER TABLE settings ADD COLUMN globals jsonb NOT NULL DEFAULT '{}'::jsonb;
