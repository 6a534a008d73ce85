-- Counts for the console's dashboard, kept up to date by triggers in the transaction of each change, so the
-- dashboard reads a few hundred rows instead of scanning contacts and messages, and the writers need no extra
-- round trip (the triggers run inside the statements they already send).
--
-- Each count is split over 16 shards by the contact's phone: concurrent transactions about different contacts
-- then rarely wait for one another's counter row (a row lock is held until commit). A reader sums the shards.

-- A contact's shard, 0..15, is (hashtext(phone) & 15): written out wherever it is needed, so no function call.

-- How many contacts have each consent status and contact status now.
CREATE TABLE contact_counts (
    consent_status text     NOT NULL,
    status         text     NOT NULL,
    shard          smallint NOT NULL,
    n              bigint   NOT NULL,
    PRIMARY KEY (consent_status, status, shard)
);

-- What happened on each day (UTC): metric 'optin:<method>', 'optout:<method>' (consent changes by method) or
-- 'refused:<reason>' (outbound messages the send policy refused, when queued or when leaving).
CREATE TABLE daily_counts (
    day    date     NOT NULL,
    metric text     NOT NULL,
    shard  smallint NOT NULL,
    n      bigint   NOT NULL,
    PRIMARY KEY (day, metric, shard)
);

-- One statement per change (the old row's -1 and the new row's +1 together), the shard computed inline: these run
-- inside the inbound path's own statements.
CREATE FUNCTION consentflow_count_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO contact_counts AS c
        VALUES (OLD.consent_status, OLD.status, (hashtext(OLD.phone) & 15)::smallint, -1),
               (NEW.consent_status, NEW.status, (hashtext(NEW.phone) & 15)::smallint, 1)
        ON CONFLICT (consent_status, status, shard) DO UPDATE SET n = c.n + excluded.n;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO contact_counts AS c VALUES (NEW.consent_status, NEW.status, (hashtext(NEW.phone) & 15)::smallint, 1)
        ON CONFLICT (consent_status, status, shard) DO UPDATE SET n = c.n + 1;
    ELSE
        INSERT INTO contact_counts AS c VALUES (OLD.consent_status, OLD.status, (hashtext(OLD.phone) & 15)::smallint, -1)
        ON CONFLICT (consent_status, status, shard) DO UPDATE SET n = c.n - 1;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION consentflow_count_consent_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO daily_counts AS d
    VALUES ((NEW.at AT TIME ZONE 'UTC')::date,
            CASE NEW.to_status WHEN 'opted_in' THEN 'optin:' ELSE 'optout:' END || NEW.method,
            (hashtext(NEW.phone) & 15)::smallint, 1)
    ON CONFLICT (day, metric, shard) DO UPDATE SET n = d.n + 1;
    RETURN NULL;
END $$;

-- A message refused when queued counts on the day it was queued; one refused when leaving, on that day.
CREATE FUNCTION consentflow_count_refusal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO daily_counts AS d
    VALUES (CASE TG_OP WHEN 'INSERT' THEN (NEW.at AT TIME ZONE 'UTC')::date ELSE (now() AT TIME ZONE 'UTC')::date END,
            'refused:' || coalesce(NEW.reason, 'unknown'), (hashtext(NEW.phone) & 15)::smallint, 1)
    ON CONFLICT (day, metric, shard) DO UPDATE SET n = d.n + 1;
    RETURN NULL;
END $$;

-- Each trigger fires only for the rows it counts (the WHEN is checked before any function call): an inbound
-- message, or a contact whose consent and status stay as they were, costs nothing more.
CREATE TRIGGER contacts_counted_insert AFTER INSERT ON contacts
    FOR EACH ROW EXECUTE FUNCTION consentflow_count_contact();
CREATE TRIGGER contacts_counted_update AFTER UPDATE OF consent_status, status ON contacts
    FOR EACH ROW WHEN (OLD.consent_status IS DISTINCT FROM NEW.consent_status OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION consentflow_count_contact();
CREATE TRIGGER contacts_counted_delete AFTER DELETE ON contacts
    FOR EACH ROW EXECUTE FUNCTION consentflow_count_contact();
CREATE TRIGGER consent_history_counted AFTER INSERT ON consent_history
    FOR EACH ROW WHEN (NEW.to_status IN ('opted_in', 'opted_out'))
    EXECUTE FUNCTION consentflow_count_consent_change();
CREATE TRIGGER messages_refusal_counted_insert AFTER INSERT ON messages
    FOR EACH ROW WHEN (NEW.status = 'refused')
    EXECUTE FUNCTION consentflow_count_refusal();
CREATE TRIGGER messages_refusal_counted_update AFTER UPDATE OF status ON messages
    FOR EACH ROW WHEN (NEW.status = 'refused' AND OLD.status IS DISTINCT FROM 'refused')
    EXECUTE FUNCTION consentflow_count_refusal();

-- What is there already, counted once. The triggers above hold their tables' locks until this migration commits,
-- so no change slips between the count and the triggers.
INSERT INTO contact_counts
SELECT consent_status, status, (hashtext(phone) & 15)::smallint, count(*) FROM contacts GROUP BY 1, 2, 3;

INSERT INTO daily_counts
SELECT (at AT TIME ZONE 'UTC')::date, CASE to_status WHEN 'opted_in' THEN 'optin:' ELSE 'optout:' END || method,
       (hashtext(phone) & 15)::smallint, count(*)
FROM consent_history WHERE to_status IN ('opted_in', 'opted_out') GROUP BY 1, 2, 3;

INSERT INTO daily_counts
SELECT (at AT TIME ZONE 'UTC')::date, 'refused:' || coalesce(reason, 'unknown'), (hashtext(phone) & 15)::smallint,
       count(*)
FROM messages WHERE status = 'refused' GROUP BY 1, 2, 3;
