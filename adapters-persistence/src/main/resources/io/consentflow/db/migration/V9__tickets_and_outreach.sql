-- Tickets flows open for staff (open_ticket), readable at GET /api/v1/tickets in id order (time-ordered ids).
CREATE TABLE tickets (
    id        uuid        PRIMARY KEY,
    phone     text        NOT NULL,
    flow_uuid text,
    run_id    uuid,
    topic     text        NOT NULL,
    body      text        NOT NULL,
    assignee  text,
    status    text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at timestamptz NOT NULL
);

-- Work a flow queued for other contacts (send_broadcast, start_session), written with the sender's sprint and
-- applied later to each recipient in its own transaction under that recipient's lock. Its recipients are listed
-- (groups' members found) once, in outreach_recipients; each recipient row is done in the transaction that applies
-- the work to that recipient, so a recipient gets it once.
CREATE TABLE outreach (
    id         uuid        PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('broadcast', 'start_flow')),
    work       jsonb       NOT NULL,
    phones     text[]      NOT NULL,
    groups     text[]      NOT NULL,
    sender     text        NOT NULL,
    flow_uuid  text,
    run_id     uuid,
    created_at timestamptz NOT NULL,
    listed_at  timestamptz
);
CREATE INDEX outreach_unlisted ON outreach (created_at) WHERE listed_at IS NULL;

CREATE TABLE outreach_recipients (
    outreach_id uuid        NOT NULL REFERENCES outreach (id),
    phone       text        NOT NULL,
    done_at     timestamptz,
    outcome     text,
    PRIMARY KEY (outreach_id, phone)
);
CREATE INDEX outreach_recipients_pending ON outreach_recipients (outreach_id, phone) WHERE done_at IS NULL;
