-- Broadcasts: a registered template (by name, with its parameters) or a flow, for a group or a list of phones,
-- from start_at on. Recipients are fixed when a broadcast starts (broadcast_recipients, one INSERT ... SELECT).
CREATE TABLE broadcasts (
    id              uuid        PRIMARY KEY,
    name            text        NOT NULL,
    template_name   text,
    template_params text[],
    flow_uuid       text,
    group_id        bigint,
    phones          text[],
    start_at        timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('scheduled', 'running', 'done', 'cancelled')),
    recipients      bigint      NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    started_at      timestamptz,
    ended_at        timestamptz,
    CONSTRAINT broadcasts_template_or_flow CHECK ((template_name IS NULL) <> (flow_uuid IS NULL)),
    CONSTRAINT broadcasts_group_or_phones CHECK ((group_id IS NULL) <> (phones IS NULL))
);
-- the worker's two look-ups; finished broadcasts are in neither
CREATE INDEX broadcasts_scheduled ON broadcasts (start_at) WHERE status = 'scheduled';
CREATE INDEX broadcasts_running ON broadcasts (started_at) WHERE status = 'running';

-- One row per recipient. state: waiting ('pending'); claimed until claimed_until ('leased': no call made yet, or a
-- flow start in its transaction); its provider call started ('sending', written before the call); or how it ended.
-- message_id names the message of a claimed template recipient (or the claim of a flow recipient), so an outcome is
-- written only for the claim it belongs to.
CREATE TABLE broadcast_recipients (
    broadcast_id  uuid        NOT NULL REFERENCES broadcasts (id),
    phone         text        NOT NULL,
    state         text        NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'leased', 'sending', 'sent', 'failed', 'refused', 'started')),
    claimed_until timestamptz,
    message_id    uuid,
    reason        text,
    PRIMARY KEY (broadcast_id, phone)
);
-- The claim walks a broadcast's waiting recipients in phone order: only waiting rows are indexed.
CREATE INDEX broadcast_recipients_pending ON broadcast_recipients (broadcast_id, phone) WHERE state = 'pending';
-- Claims in hand: a cancel waits for them, and those whose lease ran out (a crashed instance) are found here.
CREATE INDEX broadcast_recipients_claimed ON broadcast_recipients (claimed_until) WHERE state IN ('leased', 'sending');

-- Counts per broadcast and bucket (a message's current status, 'started', or 'refused:<reason>'), split over 16
-- shards so concurrent writers rarely wait for one row; GET /api/v1/broadcasts/{id} sums a few rows instead of
-- counting a million recipients.
CREATE TABLE broadcast_counts (
    broadcast_id uuid     NOT NULL,
    bucket       text     NOT NULL,
    shard        smallint NOT NULL,
    n            bigint   NOT NULL,
    PRIMARY KEY (broadcast_id, bucket, shard)
);

-- A broadcast's messages are ordinary messages (the contact's conversation shows them, status callbacks find them
-- by provider id) that name their broadcast. A nullable column without a default: no rewrite of the table.
ALTER TABLE messages ADD COLUMN broadcast_id uuid;

-- A status callback moves a broadcast message from one bucket to another (sent -> delivered -> read, or failed).
-- The WHEN is checked before any call: every other message's update costs nothing more.
CREATE FUNCTION consentflow_count_broadcast_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO broadcast_counts AS c
    VALUES (NEW.broadcast_id, OLD.status, (hashtext(NEW.phone) & 15)::smallint, -1),
           (NEW.broadcast_id, NEW.status, (hashtext(NEW.phone) & 15)::smallint, 1)
    ON CONFLICT (broadcast_id, bucket, shard) DO UPDATE SET n = c.n + excluded.n;
    RETURN NULL;
END $$;

CREATE TRIGGER messages_broadcast_status_counted AFTER UPDATE OF status ON messages
    FOR EACH ROW WHEN (NEW.broadcast_id IS NOT NULL AND OLD.status IS DISTINCT FROM NEW.status
                       AND OLD.status <> 'refused')
    EXECUTE FUNCTION consentflow_count_broadcast_status();
