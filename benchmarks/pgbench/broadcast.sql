-- A template broadcast's claim, as the service's JdbiBroadcasts makes it: [BEGIN + the broadcast's row FOR SHARE +
-- the next 500 waiting recipients (FOR UPDATE SKIP LOCKED) with each one's contact read and locked FOR KEY SHARE
-- SKIP LOCKED] [the decisions as one UPDATE over arrays + COMMIT]. Here every recipient is leased (the service
-- refuses some: their refused messages and counts are one more INSERT each in the same round trip). Each client
-- starts at a random phone, as each instance goes on from where its last claim stopped. The calls and outcomes are
-- broadcast-window.sql. Variables: bid (the broadcast, made by broadcast.sh).
\set start random(1, 1000000)
\startpipeline
BEGIN;
SELECT id FROM broadcasts WHERE id = CAST(:bid AS uuid) AND status = 'running' FOR SHARE;
\endpipeline
WITH due AS (
    SELECT r.phone FROM broadcast_recipients r
    WHERE r.broadcast_id = CAST(:bid AS uuid) AND r.state = 'pending' AND r.phone > '880' || lpad(:start::text, 9, '0')
    ORDER BY r.phone
    LIMIT 500
    FOR UPDATE SKIP LOCKED
), candidates AS (
    SELECT d.phone, c.*,
           CASE WHEN c.contact_status IS NULL THEN EXISTS (SELECT 1 FROM contacts b WHERE b.phone = d.phone)
                ELSE false END AS contact_busy
    FROM due d
    LEFT JOIN LATERAL (SELECT k.language AS contact_language, k.status AS contact_status, k.consent_status,
                              k.consent_at, k.consent_method, k.consent_evidence, k.last_inbound_at,
                              k.created_at AS contact_created_at, k.marketing_consent,
                              k.marketing_consent_at, k.marketing_consent_method, k.marketing_consent_evidence
                       FROM contacts k WHERE k.phone = d.phone FOR KEY SHARE SKIP LOCKED) c ON true
)
SELECT coalesce(array_agg(phone) FILTER (WHERE NOT contact_busy), '{}')::text AS phones FROM candidates
\gset
\startpipeline
UPDATE broadcast_recipients r SET state = o.state, claimed_until = now() + interval '40 seconds',
    message_id = o.message_id, reason = NULL
FROM unnest(CAST(:phones AS text[]), array_fill('leased'::text, ARRAY[cardinality(CAST(:phones AS text[]))]),
            ARRAY(SELECT gen_random_uuid() FROM unnest(CAST(:phones AS text[]))))
    AS o(phone, state, message_id)
WHERE r.broadcast_id = CAST(:bid AS uuid) AND r.phone = o.phone;
COMMIT;
\endpipeline
