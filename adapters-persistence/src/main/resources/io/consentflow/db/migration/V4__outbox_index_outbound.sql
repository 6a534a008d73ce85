-- The outbox claim walks messages_outbox in seq order and, per candidate, probes messages_queued_by_contact for the
-- contact's oldest queued seq. With statistics taken while nothing was queued, the planner thought both partial
-- indexes held one row and answered the probe from messages_outbox too: a walk from the head of the queue, through
-- every reply delivered since the last VACUUM (their dead entries stay at the head), for each candidate. Measured
-- on the 10M-message database with 108,000 queued: 47,000 buffers and 23 ms per claim. Adding the direction to
-- this index's predicate, which the probe does not state, leaves the probe only the per-contact indexes
-- (1.1 ms per claim); all queued rows are outbound, so the index holds the same rows.
DROP INDEX messages_outbox;
CREATE INDEX messages_outbox ON messages (seq) WHERE status = 'queued' AND direction = 'outbound';
