-- Consentflow schema. Enum-like columns hold the domain's lower-case wire values (ContactStatus.wire() etc.);
-- the CHECKs keep a bad value out, and the adapter's tests write every enum value so a new one fails loudly.
-- Times are timestamptz.

CREATE TABLE contacts (
    phone            text        PRIMARY KEY,
    name             text,
    language         text        NOT NULL,
    fields           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    groups           text[]      NOT NULL DEFAULT '{}',
    status           text        NOT NULL CHECK (status IN ('valid', 'invalid', 'blocked')),
    consent_status   text        NOT NULL CHECK (consent_status IN ('unknown', 'opted_in', 'opted_out')),
    consent_at       timestamptz,
    consent_method   text        CHECK (consent_method IN ('flow', 'bsp', 'api', 'import', 'number_invalid')),
    consent_evidence text,
    last_inbound_at  timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    -- a known consent always says when and how it was given (ConsentStatus requires it)
    CONSTRAINT contacts_consent_complete
        CHECK (consent_status = 'unknown' OR (consent_at IS NOT NULL AND consent_method IS NOT NULL))
);

-- Meta and GDPR both require that consent can be demonstrated: this table is only ever appended to.
CREATE TABLE consent_history (
    id          bigserial   PRIMARY KEY,
    phone       text        NOT NULL REFERENCES contacts (phone),
    from_status text        NOT NULL CHECK (from_status IN ('unknown', 'opted_in', 'opted_out')),
    to_status   text        NOT NULL CHECK (to_status IN ('unknown', 'opted_in', 'opted_out')),
    method      text        NOT NULL CHECK (method IN ('flow', 'bsp', 'api', 'import', 'number_invalid')),
    evidence    text,
    flow_uuid   text,
    at          timestamptz NOT NULL
);
CREATE INDEX consent_history_by_contact ON consent_history (phone, at, id);

CREATE FUNCTION consent_history_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'consent_history is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

-- Statement level, so even an UPDATE/DELETE matching no row is refused, and TRUNCATE too.
CREATE TRIGGER consent_history_is_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON consent_history
    FOR EACH STATEMENT EXECUTE FUNCTION consent_history_append_only();

-- No foreign key on phone: the application may record (and dedupe) an inbound message before it creates the
-- contact, and a message row must never block anything.
CREATE TABLE messages (
    id          uuid        PRIMARY KEY,
    -- insertion order: several messages of one sprint share the same "at"
    seq         bigserial   NOT NULL,
    phone       text        NOT NULL,
    direction   text        NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    type        text        NOT NULL CHECK (type IN ('text', 'quick_reply', 'button_reply', 'list_reply', 'image',
                                                     'file', 'audio', 'video', 'sticker', 'location', 'contacts',
                                                     'interactive', 'template')),
    text        text,
    content     jsonb,
    provider    text,
    provider_id text,
    status      text        NOT NULL CHECK (status IN ('received', 'queued', 'enqueued', 'sent', 'delivered', 'read',
                                                       'failed', 'refused')),
    flow_uuid   text,
    reason      text,
    at          timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- Inbound dedupe key (a provider retrying a webhook). Partial: outbound rows have no provider id until the
-- provider accepts them, and their ids live in another namespace.
CREATE UNIQUE INDEX messages_inbound_provider_id ON messages (provider, provider_id) WHERE direction = 'inbound';
CREATE INDEX messages_by_contact ON messages (phone, seq);
-- Delivery-status events look an outbound message up by the id the provider gave it.
CREATE INDEX messages_by_provider_id ON messages (provider_id) WHERE provider_id IS NOT NULL;

CREATE TABLE runs (
    id            uuid        PRIMARY KEY,
    flow_uuid     text        NOT NULL,
    phone         text        NOT NULL REFERENCES contacts (phone),
    -- no foreign key: a sprint saves a new parent and child in one batch, in any order
    parent_id     uuid,
    status        text        NOT NULL CHECK (status IN ('active', 'suspended', 'completed', 'interrupted',
                                                         'expired', 'failed')),
    node_uuid     text,
    results       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    waiting_since timestamptz,
    timeout_at    timestamptz,
    expires_at    timestamptz,
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz,
    end_reason    text,
    updated_at    timestamptz NOT NULL
);
-- At most one active run per contact, enforced by the database.
CREATE UNIQUE INDEX runs_one_active_per_contact ON runs (phone) WHERE status = 'active';
CREATE INDEX runs_unfinished_by_contact ON runs (phone) WHERE status IN ('active', 'suspended');
-- The scheduler's look-ups: only unfinished runs are indexed, so ended runs cost nothing.
CREATE INDEX runs_due_timeout ON runs (timeout_at)
    WHERE status IN ('active', 'suspended') AND timeout_at IS NOT NULL;
CREATE INDEX runs_due_expiry ON runs (expires_at)
    WHERE status IN ('active', 'suspended') AND expires_at IS NOT NULL;

CREATE TABLE flows (
    uuid            text        PRIMARY KEY,
    name            text        NOT NULL,
    -- the definition exactly as imported, so an export returns the same text
    definition      text        NOT NULL,
    keywords        text[]      NOT NULL DEFAULT '{}',
    ignore_keywords boolean     NOT NULL DEFAULT false,
    active          boolean     NOT NULL DEFAULT true,
    updated_at      timestamptz NOT NULL
);

-- One row: its lock serialises flow changes across instances; its version lets instances cache parsed flows.
CREATE TABLE flow_catalog (
    id      smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    version bigint   NOT NULL
);
INSERT INTO flow_catalog (id, version) VALUES (1, 0);

CREATE TABLE settings (
    id               smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    optin_flow       text,
    new_contact_flow text
);
INSERT INTO settings (id) VALUES (1);
