-- A host service's own first migration, at Flyway's default location and history table: it shares the schema
-- with Consentflow's tables (MigrationsTest).
CREATE TABLE host_orders (
    id   bigint PRIMARY KEY,
    item text NOT NULL
);
