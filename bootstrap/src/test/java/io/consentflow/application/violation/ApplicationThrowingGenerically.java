package io.consentflow.application.violation;

/** Deliberately throws a generic exception that names no rule; test use only. */
public final class ApplicationThrowingGenerically {
    public void refuse() {
        throw new RuntimeException("no");
    }
}
