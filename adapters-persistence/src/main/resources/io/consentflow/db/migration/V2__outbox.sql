-- The outbox is the queued outbound messages. A dispatcher claims one (claimed_until, a lease) before handing it
-- to the provider; a lease that runs out (a crash mid-send) makes it claimable again. Failed attempts push
-- not_before back (exponential backoff).
ALTER TABLE messages
    ADD COLUMN attempts      integer     NOT NULL DEFAULT 0,
    ADD COLUMN not_before    timestamptz,
    ADD COLUMN claimed_until timestamptz,
    ADD COLUMN last_error    text;

-- Only queued rows are indexed: the outbox stays small however many messages were ever sent.
CREATE INDEX messages_outbox ON messages (seq) WHERE status = 'queued';

