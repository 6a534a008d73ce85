package io.consentflow.application.violation;

import io.consentflow.domain.violation.DomainUsingJavalin;

/** Deliberately breaks the rules (JDBI in the application, a cycle with the domain); test use only. */
public final class ApplicationUsingJdbi {
    public org.jdbi.v3.core.Jdbi jdbi;
    public DomainUsingJavalin other;
}
