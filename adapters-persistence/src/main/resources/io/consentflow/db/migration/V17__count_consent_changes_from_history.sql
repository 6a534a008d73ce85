-- Fewer rows for the dashboard's counts on the inbound path (V14 still cost about 2.5 delta rows per message in the
-- closed loop: a changed contact wrote two, its consent_history row a third).
--
-- 1. A contact whose consent or status changes appends one delta, from and to, instead of a -1 and a +1.
-- 2. Consent changes per day are read from consent_history itself, which is already append-only with ids in
--    order: no trigger. The fold takes the rows up to a watermark; readers add the rows above it. Ids are handed
--    out before commit, so a row with a smaller id can appear after a bigger one: the fold only moves the watermark
--    up to an id it saw in an earlier turn, once every transaction that had started before that turn has ended
--    (pg_stat_activity), so no row below the watermark can still appear.

ALTER TABLE count_deltas ADD COLUMN from_consent_status text, ADD COLUMN from_status text;
ALTER TABLE count_deltas DROP CONSTRAINT count_deltas_check;
ALTER TABLE count_deltas ADD CONSTRAINT count_deltas_kind CHECK (
    (metric IS NULL AND consent_status IS NOT NULL AND status IS NOT NULL AND day IS NULL
        AND (from_consent_status IS NULL) = (from_status IS NULL))
    OR (metric IS NOT NULL AND day IS NOT NULL AND consent_status IS NULL AND status IS NULL
        AND from_consent_status IS NULL AND from_status IS NULL));

CREATE OR REPLACE FUNCTION consentflow_count_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO count_deltas (from_consent_status, from_status, consent_status, status, n)
        VALUES (OLD.consent_status, OLD.status, NEW.consent_status, NEW.status, 1);
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO count_deltas (consent_status, status, n) VALUES (NEW.consent_status, NEW.status, 1);
    ELSE
        INSERT INTO count_deltas (consent_status, status, n) VALUES (OLD.consent_status, OLD.status, -1);
    END IF;
    RETURN NULL;
END $$;

-- The trigger is dropped first: its lock on consent_history waits for the transactions inserting into it, so every
-- row up to the watermark below was counted by the trigger, and every later one will be by the fold.
DROP TRIGGER consent_history_counted ON consent_history;
DROP FUNCTION consentflow_count_consent_change();

-- folded_to: every row up to it is in daily_counts. pending_to / pending_since: the highest id seen by the last fold
-- and when; the next fold may fold up to it once no transaction older than pending_since is running.
CREATE TABLE count_watermarks (
    name          text        PRIMARY KEY,
    folded_to     bigint      NOT NULL,
    pending_to    bigint      NOT NULL,
    pending_since timestamptz NOT NULL
);
INSERT INTO count_watermarks
SELECT 'consent_history', coalesce(max(id), 0), coalesce(max(id), 0), clock_timestamp() FROM consent_history;
