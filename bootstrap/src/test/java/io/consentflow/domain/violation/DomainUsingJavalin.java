package io.consentflow.domain.violation;

import io.consentflow.application.violation.ApplicationUsingJdbi;

/** Deliberately breaks the rules (a framework in the domain, a cycle with the application); test use only. */
public final class DomainUsingJavalin {
    public io.javalin.http.Context context;
    public ApplicationUsingJdbi back;
}
