-- A provider retry: the inbound insert finds the provider id and inserts nothing; the service then commits.
-- Same statements and the same round trips as the service (Consentflow adapters-persistence):
-- [BEGIN + lock + inbound insert + unfinished runs] [COMMIT].
\set c random(1, :contacts)
\startpipeline
BEGIN;
WITH inserted AS (INSERT INTO contacts (phone, name, language, fields, status, consent_status, consent_at, consent_method, consent_evidence, last_inbound_at, created_at, flow_texts, updated_at) VALUES ((770000000000 + :c)::text, 'Load', 'eng', CAST('{}' AS jsonb), 'valid', 'unknown', NULL, NULL, NULL, NULL, now(), CAST(NULL AS jsonb), now()) ON CONFLICT (phone) DO NOTHING RETURNING phone), locked AS (SELECT contacts.phone, contacts.name, contacts.language, contacts.fields, contacts.status, contacts.consent_status, contacts.consent_at, contacts.consent_method, contacts.consent_evidence, contacts.last_inbound_at, contacts.created_at, contacts.flow_texts, ARRAY(SELECT grp.name FROM group_members member JOIN groups grp ON grp.id = member.group_id WHERE member.phone = contacts.phone ORDER BY grp.name) AS groups FROM contacts WHERE phone = (770000000000 + :c)::text FOR UPDATE) SELECT (SELECT count(*) FROM inserted) AS created, locked.* FROM (VALUES (1)) AS one LEFT JOIN locked ON true;
INSERT INTO messages (id, phone, direction, type, text, content, provider, provider_id, status, flow_uuid, reason, at, run_id, optin_ask) SELECT gen_random_uuid(), (770000000000 + :c)::text, 'inbound', 'text', 'Hi', CAST(NULL AS jsonb), 'gupshup', 'seed-' || :c, 'received', NULL, NULL, now(), CAST(NULL AS uuid), CAST('false' AS boolean) WHERE EXISTS (SELECT 1 FROM contacts WHERE phone = (770000000000 + :c)::text FOR UPDATE) ON CONFLICT (provider, provider_id) WHERE direction = 'inbound' DO NOTHING;
SELECT id, flow_uuid, phone, parent_id, status, node_uuid, results, waiting_since, timeout_at, expires_at, started_at, ended_at, end_reason, updated_at, optin_recorded_at FROM runs WHERE phone = (770000000000 + :c)::text AND status IN ('active', 'suspended') ORDER BY started_at DESC;
\endpipeline
COMMIT;
