package io.consentflow.application.violation;

/** Deliberately reaches an adapter (even its entry point) from the core; test use only. */
public final class ApplicationSeeingAnAdapter {
    public io.consentflow.adapter.persistence.PersistenceAdapter db;
}
