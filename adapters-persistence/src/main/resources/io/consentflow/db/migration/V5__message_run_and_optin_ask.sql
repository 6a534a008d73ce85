-- The send policy is applied again when the outbox claims a message for the provider (SendPolicy.decideAtSend). For
-- the opt-in exception (the opt-in flow may ask an opted-out contact) it needs to know whether the message was
-- queued under that exception and which run produced it: a run that was interrupted ("stop", a deleted flow, a
-- loop), expired or failed says nothing more. No foreign key: a run row and its messages are written in one batch,
-- in any order, and a message row must never block anything.
ALTER TABLE messages
    ADD COLUMN run_id    uuid,
    ADD COLUMN optin_ask boolean NOT NULL DEFAULT false;
