package io.consentflow.application.violation;

/** Deliberately uses the connection pool and the PostgreSQL driver outside persistence; test use only. */
public final class ApplicationOpeningConnections {
    public com.zaxxer.hikari.HikariDataSource pool;
    public org.postgresql.PGConnection connection;
}
