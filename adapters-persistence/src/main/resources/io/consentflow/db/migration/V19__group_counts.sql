-- Each group's members by consent, kept up to date instead of counted member by member (a 1,000,000-member group
-- took seconds to count for the new-broadcast page), and the contact list's group filter combined with a consent
-- or status filter walked in an index of its own instead of over the whole group.
--
-- Each membership keeps the consent and status its contact had when it was last counted; group_counts holds the
-- sums of those. Nothing more is written on the inbound path than the phone on the delta a contact's change already
-- appends (V17): the fold (JdbiDashboardFigures) brings the memberships of the phones that changed up to date and
-- moves the sums, in the transaction that takes those deltas. Readers add what is not folded yet, so a figure is
-- exact the moment a change commits.
--
-- Why that is exact: a membership is only ever inserted with its contact locked (JdbiGroups, GroupSync), so the
-- consent copied into it cannot change before the insert commits; a contact's change after that appends a delta with
-- its phone, and until a fold has taken that delta the readers count the membership from the contact itself.

ALTER TABLE group_members ADD COLUMN counted_consent text, ADD COLUMN counted_status text;

UPDATE group_members m SET counted_consent = c.consent_status, counted_status = c.status
FROM contacts c WHERE c.phone = m.phone;

-- The contact list's group filter with a consent or a status filter: the members counted with it, in phone order.
-- Most members are 'valid': the members of that status are found by walking the group itself, so the status index
-- holds only the others (a bulk import of valid contacts adds nothing to it).
CREATE INDEX group_members_by_consent ON group_members (group_id, counted_consent, phone);
CREATE INDEX group_members_by_status ON group_members (group_id, counted_status, phone) WHERE counted_status <> 'valid';

CREATE TABLE group_counts (
    group_id       bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    consent_status text   NOT NULL,
    n              bigint NOT NULL,
    PRIMARY KEY (group_id, consent_status)
);
INSERT INTO group_counts SELECT group_id, counted_consent, count(*) FROM group_members GROUP BY 1, 2;

-- Two more kinds of delta: a membership's count (group_id, consent_status, n = +k or -k, from the statement that
-- inserted or deleted memberships) and a contact whose consent or status changed (phone on its contact delta; a
-- phone alone with n = 0 when a fold found one of its memberships locked and left it for the next turn).
--
-- The table's CHECK of which columns each kind fills goes: PostgreSQL prepares a table's check constraints again for
-- every statement that writes it, and the deltas are written one row per statement, inside the inbound path's own
-- statements. Measured on this machine, 100,000 single-row inserts: 4 us a row without it, 13 us with V17's, 27 us
-- with one covering four kinds. Its only writers are this file's trigger functions and the fold.
ALTER TABLE count_deltas ADD COLUMN group_id bigint, ADD COLUMN phone text;
ALTER TABLE count_deltas DROP CONSTRAINT count_deltas_kind;

-- The update trigger only fires when consent or status changed (V13's WHEN): its phone is what the fold needs.
CREATE OR REPLACE FUNCTION consentflow_count_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO count_deltas (from_consent_status, from_status, consent_status, status, n, phone)
        VALUES (OLD.consent_status, OLD.status, NEW.consent_status, NEW.status, 1, NEW.phone);
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO count_deltas (consent_status, status, n) VALUES (NEW.consent_status, NEW.status, 1);
    ELSE
        INSERT INTO count_deltas (consent_status, status, n) VALUES (OLD.consent_status, OLD.status, -1);
    END IF;
    RETURN NULL;
END $$;

-- A new membership copies its contact's consent and status (the contact is locked by whoever inserts it). The
-- service's inserts join the contacts and write the copy themselves (a trigger function called per row made a
-- 100,000-row contact import 15% slower); any other insert gets it here. A phone with no contact copies nothing; the
-- foreign key then refuses the row as before.
CREATE FUNCTION consentflow_member_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT c.consent_status, c.status INTO NEW.counted_consent, NEW.counted_status
    FROM contacts c WHERE c.phone = NEW.phone;
    RETURN NEW;
END $$;
CREATE TRIGGER group_members_counted BEFORE INSERT ON group_members
    FOR EACH ROW WHEN (NEW.counted_consent IS NULL OR NEW.counted_status IS NULL)
    EXECUTE FUNCTION consentflow_member_counted();

-- One delta per group and consent per statement (a bulk insert or a group's deletion of a million members writes a
-- few rows, not a million), from the rows the statement really inserted or deleted.
CREATE FUNCTION consentflow_count_members_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO count_deltas (group_id, consent_status, n)
    SELECT group_id, counted_consent, count(*) FROM added WHERE counted_consent IS NOT NULL GROUP BY 1, 2;
    RETURN NULL;
END $$;
CREATE FUNCTION consentflow_count_members_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO count_deltas (group_id, consent_status, n)
    SELECT group_id, counted_consent, -count(*) FROM removed WHERE counted_consent IS NOT NULL GROUP BY 1, 2;
    RETURN NULL;
END $$;
CREATE TRIGGER group_members_counted_insert AFTER INSERT ON group_members
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION consentflow_count_members_added();
CREATE TRIGGER group_members_counted_delete AFTER DELETE ON group_members
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION consentflow_count_members_removed();
