package io.consentflow.bootstrap.violation;

/** Deliberately uses a persistence adapter type that only looks like its entry point; test use only. */
public final class BootstrapSeeingPersistenceInternals {
    public io.consentflow.adapter.persistence.violation.PersistenceAdapter db;
}
