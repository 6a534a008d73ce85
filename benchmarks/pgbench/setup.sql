-- Seed for the pgbench ceiling: :contacts known contacts (phones 77 + 10 digits), each opted in with one active
-- (waiting) run of the opt-in flow and one inbound message whose provider id is 'seed-<n>' (what duplicate.sql
-- re-sends). Run on a database that has the service's schema (run.sh applies the migrations first).
INSERT INTO contacts (phone, name, language, fields, status, consent_status, consent_at, consent_method,
                      consent_evidence, last_inbound_at, created_at, updated_at)
SELECT '77' || lpad(c::text, 10, '0'), 'Seed ' || c, 'eng', '{}', 'valid', 'opted_in', now(), 'flow',
       'seed', now(), now(), now()
FROM generate_series(1, :contacts) c;

INSERT INTO runs (id, flow_uuid, phone, parent_id, status, node_uuid, results, waiting_since, timeout_at,
                  expires_at, started_at, ended_at, end_reason, updated_at)
SELECT md5('run' || c)::uuid, '5b3c1d2e-0000-4a6b-9c8d-111111111111', '77' || lpad(c::text, 10, '0'), NULL,
       'active', 'e0db8705-651e-4d3c-ab56-987edc4948e2', '{}', now(), now() + interval '600 seconds',
       now() + interval '7 days', now(), NULL, NULL, now()
FROM generate_series(1, :contacts) c;

INSERT INTO messages (id, phone, direction, type, text, content, provider, provider_id, status, flow_uuid, reason, at)
SELECT md5('seed-msg' || c)::uuid, '77' || lpad(c::text, 10, '0'), 'inbound', 'text', 'Hi', NULL, 'gupshup',
       'seed-' || c, 'received', NULL, NULL, now()
FROM generate_series(1, :contacts) c;

INSERT INTO flows (uuid, name, definition, keywords, ignore_keywords, active, updated_at)
VALUES ('5b3c1d2e-0000-4a6b-9c8d-111111111111', 'Sahayak consent', '{}', '{optin}', true, true, now())
ON CONFLICT (uuid) DO NOTHING;

VACUUM ANALYZE contacts;
VACUUM ANALYZE runs;
VACUUM ANALYZE messages;
