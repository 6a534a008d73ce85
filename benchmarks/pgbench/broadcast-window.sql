-- One round trip of a template broadcast's calls, as the service's JdbiBroadcasts.record sends it: the next 8 calls
-- (CONSENTFLOW_SEND_CONCURRENCY) marked sending before they start, and the 8 that just ended recorded in one
-- statement (the recipients sent, their messages stored enqueued with the provider's id, the counts grown), in one
-- implicit transaction. Here the 8 "ended" are 8 sending recipients of the broadcast and the 8 "starting" 8 leased
-- ones; the provider is the log provider (no call). Variables: bid.
SELECT coalesce(array_agg(message_id)::text, '{}') AS starting, coalesce(array_agg(phone)::text, '{}') AS phones FROM (
    SELECT message_id, phone FROM broadcast_recipients
    WHERE state IN ('leased', 'sending') AND claimed_until > now() AND broadcast_id = CAST(:bid AS uuid) AND state = 'leased'
    LIMIT 8 FOR UPDATE SKIP LOCKED) s
\gset
\startpipeline
UPDATE broadcast_recipients r SET state = 'sending'
FROM unnest(CAST(:phones AS text[]), CAST(:starting AS uuid[])) AS o(phone, id)
WHERE r.broadcast_id = CAST(:bid AS uuid) AND r.phone = o.phone AND r.message_id = o.id AND (r.state || '') = 'leased'
RETURNING r.message_id;
WITH o AS (
    SELECT r.message_id AS id, r.phone, 'Hello friend, the clinic opens on Monday' AS text,
           '{"type":"template","name":"bench_notice","language":"en","params":["friend","Monday"],"category":"utility"}'
               AS content,
           'enqueued' AS status, 'log' AS provider, 'log-' || r.message_id AS provider_id, NULL::text AS reason,
           now() AS at
    FROM broadcast_recipients r
    WHERE r.broadcast_id = CAST(:bid AS uuid) AND r.state = 'sending' AND NOT (r.message_id = ANY(CAST(:starting AS uuid[])))
    LIMIT 8
), done AS (
    UPDATE broadcast_recipients r
    SET state = CASE WHEN o.status = 'failed' THEN 'failed' ELSE 'sent' END, claimed_until = NULL, reason = o.reason
    FROM o WHERE r.broadcast_id = CAST(:bid AS uuid) AND r.phone = o.phone AND (r.state || '') = 'sending' AND r.message_id = o.id
    RETURNING r.message_id
), stored AS (
    INSERT INTO messages (broadcast_id, id, phone, direction, type, text, content, provider, provider_id, status,
                          reason, at)
    SELECT CAST(:bid AS uuid), o.id, o.phone, 'outbound', 'template', o.text, CAST(o.content AS jsonb), o.provider,
           o.provider_id, o.status, o.reason, o.at
    FROM o JOIN done ON done.message_id = o.id
    RETURNING phone, status
)
INSERT INTO broadcast_counts AS c (broadcast_id, bucket, shard, n)
SELECT CAST(:bid AS uuid), status, (hashtext(phone) & 15)::smallint, count(*) FROM stored GROUP BY 2, 3
ON CONFLICT (broadcast_id, bucket, shard) DO UPDATE SET n = c.n + excluded.n;
\endpipeline
