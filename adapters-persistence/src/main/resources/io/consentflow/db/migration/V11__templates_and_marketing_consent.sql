-- The template registry: one entry per name and language (the language as the provider names it, case aside).
-- A name's first registered language is its default (created_at orders them).
CREATE TABLE templates (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    language    text        NOT NULL,
    category    text        NOT NULL CHECK (category IN ('marketing', 'utility', 'authentication')),
    body        text        NOT NULL,
    header      text,
    footer      text,
    buttons     jsonb       NOT NULL DEFAULT '[]'::jsonb,
    -- Gupshup's template id or Meta's template name; NULL: the provider knows it by its name
    provider_id text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX templates_name_language ON templates (name, lower(language));

-- Bumped by every change to the registry, so each instance's cached copy sees another instance's change without
-- reading the registry for every message.
CREATE TABLE template_registry (
    id      smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    version bigint   NOT NULL
);
INSERT INTO template_registry (id, version) VALUES (1, 0);

-- WhatsApp's marketing-messages switch (Meta's user_preferences stop/resume, error 131050), kept apart from
-- consent: it only narrows what an opted-in contact receives.
ALTER TABLE contacts
    ADD COLUMN marketing_consent          text NOT NULL DEFAULT 'unknown'
        CHECK (marketing_consent IN ('unknown', 'opted_in', 'opted_out')),
    ADD COLUMN marketing_consent_at       timestamptz,
    ADD COLUMN marketing_consent_method   text
        CHECK (marketing_consent_method IN ('flow', 'bsp', 'api', 'import', 'number_invalid')),
    ADD COLUMN marketing_consent_evidence text,
    ADD CONSTRAINT contacts_marketing_consent_complete
        CHECK (marketing_consent = 'unknown'
               OR (marketing_consent_at IS NOT NULL AND marketing_consent_method IS NOT NULL));

-- What each history entry is about: 'all' (consent itself, every entry before this version) or 'marketing'.
-- A default is no rewrite and no UPDATE: the append-only trigger stays as it is.
ALTER TABLE consent_history
    ADD COLUMN topic text NOT NULL DEFAULT 'all' CHECK (topic IN ('all', 'marketing'));
