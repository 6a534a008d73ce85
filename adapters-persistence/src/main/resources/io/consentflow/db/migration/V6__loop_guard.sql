-- Glific's loop rule needs what flows sent each contact lately: a small JSON array kept on the contact row,
-- read with the contact's lock and written with its upsert (no extra statement on the inbound path).
-- [{"h": <64-bit hash of the text>, "t": [<epoch microseconds of each of its last 3 sends>]}, ...], entries older
-- than 6 hours dropped, at most 64 texts (RecentFlowTexts). NULL: none.
ALTER TABLE contacts ADD COLUMN flow_texts jsonb;

-- When a run's opt-in action ran: from then on the opt-in flow's exception (messaging an opted-out contact)
-- no longer applies to that run.
ALTER TABLE runs ADD COLUMN optin_recorded_at timestamptz;
