-- The business number's sending budget (domain SendBudget, adapter JdbiSendPace): one row that every instance of
-- the service draws on, so the number's pace (CONSENTFLOW_SEND_RATE) is held by all of them together. Each take,
-- spend or slow down is one UPDATE of this row: its row lock serialises the instances, and it changes no indexed
-- column, so every update is HOT (no index churn however often the outbox and broadcasts call it).
-- tokens: messages that may go now (below zero after replies went beyond the pace); as_of: when tokens was last
-- brought up to date (the latest instant any instance gave); slowed_to / slowed_until: the pace the last slow down
-- set and when its hold ends (null: never slowed down). The configured pace itself is not stored: each statement
-- is given its instance's CONSENTFLOW_SEND_RATE.
CREATE TABLE send_pace (
    id           smallint PRIMARY KEY CHECK (id = 1),
    tokens       double precision NOT NULL,
    as_of        timestamptz NOT NULL,
    slowed_to    double precision NOT NULL,
    slowed_until timestamptz
);
-- Never used: as of 1970, so the first call finds a full burst.
INSERT INTO send_pace (id, tokens, as_of, slowed_to, slowed_until) VALUES (1, 0, '1970-01-01T00:00:00Z', 0, NULL);
