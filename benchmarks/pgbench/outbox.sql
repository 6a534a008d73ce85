-- The outbox dispatcher, once per 100 inbound messages: a full batch of their 93 replies, as the service's
-- JdbiOutbox sends it: [BEGIN + the claim's planner options] [the claim] [COMMIT], then the outcomes as one
-- UPDATE over arrays in its own transaction. The claimed ids travel as one text (pgbench keeps one row per query).
\startpipeline
BEGIN;
SELECT set_config('enable_bitmapscan', 'off', true) AS bitmapscan, set_config('enable_sort', 'off', true) AS sort;
\endpipeline
WITH due AS (
    SELECT m.id FROM messages m
    WHERE m.status = 'queued' AND m.direction = 'outbound'
      AND (m.not_before IS NULL OR m.not_before <= now())
      AND (m.claimed_until IS NULL OR m.claimed_until <= now())
      AND m.seq = (SELECT min(o.seq) FROM messages o WHERE o.status = 'queued' AND o.phone = m.phone)
    ORDER BY m.seq
    LIMIT 93
    FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE messages SET claimed_until = now() + interval '40 seconds' WHERE id IN (SELECT id FROM due) RETURNING id
)
SELECT coalesce(array_agg(id), '{}')::text AS ids FROM claimed
\gset
COMMIT;
UPDATE messages m SET status = 'enqueued', provider = o.provider, provider_id = o.provider_id, claimed_until = NULL,
    last_error = NULL
FROM unnest(CAST(:ids AS uuid[]), array_fill('log'::text, ARRAY[cardinality(CAST(:ids AS uuid[]))]),
            ARRAY(SELECT 'log-' || x FROM unnest(CAST(:ids AS uuid[])) x)) AS o(id, provider, provider_id)
WHERE m.id = o.id AND (m.status || '') = 'queued';
