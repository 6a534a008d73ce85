-- Indexes for the message path under load (measured with benchmarks/load, see benchmarks/README.md).

-- The outbox claim takes each contact's OLDEST queued message: for every queued candidate it looks for the same
-- contact's earliest queued seq. Without this index that probe intersected messages_by_contact with the whole
-- queued set (BitmapAnd), so a claim cost O(backlog^2): 4.5 s per claim with 6,700 queued replies, which made the
-- dispatcher fall further behind the more it lagged. With it the probe is one lookup in a small index (only
-- queued rows are in it).
CREATE INDEX messages_queued_by_contact ON messages (phone, seq) WHERE status = 'queued';

-- Delivery-status events look up OUTBOUND messages by the provider's id (Messages.findByProviderId filters on
-- direction = 'outbound'). Inbound rows carry a provider id too, but they are found through the dedupe index
-- messages_inbound_provider_id; indexing them here again cost one more index insertion per inbound message and
-- doubled this index on a big history.
DROP INDEX messages_by_provider_id;
CREATE INDEX messages_by_provider_id ON messages (provider_id) WHERE direction = 'outbound' AND provider_id IS NOT NULL;
