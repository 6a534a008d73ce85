package io.consentflow.domain.violation;

/** Deliberately uses JDK packages the domain may not (database, network, files, concurrency); test use only. */
public final class DomainUsingJdkOutsideItsAllowlist {
    public java.sql.Connection connection;
    public java.net.URI uri;
    public java.io.File file;
    public java.nio.file.Path path;
    public java.util.concurrent.ConcurrentHashMap<String, String> shared;
    public java.lang.reflect.Method method;
}
