-- Groups (Glific's collections) with ids of their own, and their members. Until now a contact's groups were the
-- names in contacts.groups; those names become groups here (one per name ignoring case, the first spelling in
-- sort order kept) and their contacts members, and the column goes: membership lives in one place.
CREATE TABLE groups (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (length(btrim(name)) > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
-- names are unique ignoring case, as flows' has_group compares them
CREATE UNIQUE INDEX groups_name_ignoring_case ON groups (lower(name));

-- The primary key walks one group's members in phone order (the contact list's keyset pages, a broadcast's
-- recipients); the second index reads one contact's groups (with the contact's lock on the inbound path).
CREATE TABLE group_members (
    group_id bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    phone    text   NOT NULL REFERENCES contacts (phone),
    PRIMARY KEY (group_id, phone)
);
CREATE INDEX group_members_by_contact ON group_members (phone, group_id);

INSERT INTO groups (name)
SELECT DISTINCT ON (lower(btrim(g))) btrim(g)
FROM contacts, unnest(contacts.groups) AS g
WHERE length(btrim(g)) > 0
ORDER BY lower(btrim(g)), btrim(g);

INSERT INTO group_members (group_id, phone)
SELECT DISTINCT gr.id, c.phone
FROM contacts c, unnest(c.groups) AS g
JOIN groups gr ON lower(gr.name) = lower(btrim(g));

ALTER TABLE contacts DROP COLUMN groups;

-- The contact list's filters, each walked in phone order for keyset pages (GET /api/v1/contacts): by consent,
-- by status, by name prefix (lower-cased, pattern ops so LIKE 'prefix%' is a range). A phone prefix is a range
-- of the primary key.
CREATE INDEX contacts_by_consent ON contacts (consent_status, phone);
CREATE INDEX contacts_by_status ON contacts (status, phone);
CREATE INDEX contacts_by_name_prefix ON contacts (lower(name) text_pattern_ops);
