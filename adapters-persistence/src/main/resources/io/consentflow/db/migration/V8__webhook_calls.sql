-- A run paused after an action (call_webhook, wait_for_result, wait_for_time) waits for no reply: paused_action is
-- that action's uuid, awaited_call the webhook call whose outcome alone resumes it. webhook is the JSON text its
-- latest webhook answered (@webhook). All NULL for nearly every run, so they cost the inbound path nothing.
ALTER TABLE runs
    ADD COLUMN paused_action text,
    ADD COLUMN awaited_call  uuid,
    ADD COLUMN webhook       text;

-- The webhook calls paused runs wait for, queued with the sprint that paused the run and made after its commit
-- by a worker, outside any transaction. A worker claims a call (claimed_until, a lease; attempts counts claims);
-- a lease that runs out (a crash mid-call) makes it claimable again. done_at is set in the transaction that
-- resumes the run with the call's outcome (or finds nothing left to resume).
CREATE TABLE webhook_calls (
    id            uuid        PRIMARY KEY,
    run_id        uuid        NOT NULL,
    phone         text        NOT NULL,
    action_uuid   text        NOT NULL,
    method        text        NOT NULL,
    url           text        NOT NULL,
    headers       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    body          text        NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL,
    claimed_until timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    done_at       timestamptz
);
-- Only calls not done are indexed: the queue stays small however many calls were ever made.
CREATE INDEX webhook_calls_pending ON webhook_calls (created_at) WHERE done_at IS NULL;
