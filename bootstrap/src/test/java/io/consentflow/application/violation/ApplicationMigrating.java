package io.consentflow.application.violation;

/** Deliberately runs schema migrations outside persistence; test use only. */
public final class ApplicationMigrating {
    public org.flywaydb.core.Flyway flyway;
}
