package io.consentflow.domain.violation;

/** Deliberately prints a stack trace instead of logging it; test use only. */
public final class DomainPrintingStackTraces {
    public void report(Exception e) {
        e.printStackTrace();
    }
}
