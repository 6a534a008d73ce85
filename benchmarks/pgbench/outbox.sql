-- The outbox dispatcher's per-message statement (claim amortised away): mark the oldest queued reply accepted.
UPDATE messages SET status = 'enqueued', provider = 'log', provider_id = 'log-' || id, claimed_until = NULL,
    last_error = NULL
WHERE id = (SELECT id FROM messages WHERE status = 'queued' AND direction = 'outbound' ORDER BY seq LIMIT 1
            FOR UPDATE SKIP LOCKED)
  AND status = 'queued';
