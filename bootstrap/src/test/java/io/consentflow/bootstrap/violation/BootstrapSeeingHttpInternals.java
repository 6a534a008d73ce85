package io.consentflow.bootstrap.violation;

/** Deliberately uses an HTTP adapter type that only looks like its entry point; test use only. */
public final class BootstrapSeeingHttpInternals {
    public io.consentflow.adapter.http.violation.HttpAdapter http;
}
