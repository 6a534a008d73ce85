-- The outbox dispatcher, once per 100 inbound messages: a full batch of their 93 replies, as the service's
-- JdbiOutbox claims it: the candidates with each one's contact (locked FOR KEY SHARE SKIP LOCKED) and an opt-in ask's
-- run for the send-time policy check, then one UPDATE over arrays that leases them (here none is refused: the
-- pgbench contacts stay opted in), then the commit; then the outcomes as one UPDATE over arrays in its own
-- transaction. The service sends [BEGIN + planner options + candidates] [lease/refuse UPDATE] [COMMIT]; pgbench
-- cannot \gset inside a pipeline, so here it is [BEGIN + planner options] [candidates] [UPDATE + COMMIT]: the same
-- three round trips. The candidates travel as one text of ids (pgbench keeps one row per query); the service reads
-- every column of every candidate.
\startpipeline
BEGIN;
SELECT set_config('enable_bitmapscan', 'off', true) AS bitmapscan, set_config('enable_sort', 'off', true) AS sort;
\endpipeline
WITH due AS (
    SELECT id, phone, direction, type, text, content, provider, provider_id, status, flow_uuid, reason, at, run_id,
           optin_ask, attempts FROM messages m
    WHERE m.status = 'queued' AND m.direction = 'outbound'
      AND (m.not_before IS NULL OR m.not_before <= now())
      AND (m.claimed_until IS NULL OR m.claimed_until <= now())
      AND m.seq = (SELECT min(o.seq) FROM messages o WHERE o.status = 'queued' AND o.phone = m.phone)
    ORDER BY m.seq
    LIMIT 93
    FOR UPDATE SKIP LOCKED
), candidates AS (
    SELECT d.*, c.contact_language, c.contact_status, c.consent_status, c.consent_at, c.consent_method,
           c.consent_evidence, c.last_inbound_at, c.contact_created_at,
           CASE WHEN c.contact_status IS NULL THEN EXISTS (SELECT 1 FROM contacts b WHERE b.phone = d.phone)
                ELSE false END AS contact_busy,
           CASE WHEN d.optin_ask THEN (SELECT r.status FROM runs r WHERE r.id = d.run_id) END AS run_status
    FROM due d
    LEFT JOIN LATERAL (SELECT k.language AS contact_language, k.status AS contact_status, k.consent_status,
                              k.consent_at, k.consent_method, k.consent_evidence, k.last_inbound_at,
                              k.created_at AS contact_created_at
                       FROM contacts k WHERE k.phone = d.phone FOR KEY SHARE SKIP LOCKED) c ON true
)
SELECT coalesce(array_agg(id) FILTER (WHERE NOT contact_busy), '{}')::text AS ids FROM candidates
\gset
\startpipeline
UPDATE messages m SET claimed_until = CASE WHEN o.reason IS NULL THEN now() + interval '40 seconds' END,
    status = CASE WHEN o.reason IS NULL THEN m.status ELSE 'refused' END,
    reason = coalesce(o.reason, m.reason)
FROM unnest(CAST(:ids AS uuid[]), CAST(array_fill(NULL::text, ARRAY[cardinality(CAST(:ids AS uuid[]))]) AS text[]))
    AS o(id, reason)
WHERE m.id = o.id;
COMMIT;
\endpipeline
UPDATE messages m SET status = 'enqueued', provider = o.provider, provider_id = o.provider_id, claimed_until = NULL,
    last_error = NULL
FROM unnest(CAST(:ids AS uuid[]), array_fill('log'::text, ARRAY[cardinality(CAST(:ids AS uuid[]))]),
            ARRAY(SELECT 'log-' || x FROM unnest(CAST(:ids AS uuid[])) x)) AS o(id, provider, provider_id)
WHERE m.id = o.id AND (m.status || '') = 'queued';
