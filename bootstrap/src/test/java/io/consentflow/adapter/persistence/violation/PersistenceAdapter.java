package io.consentflow.adapter.persistence.violation;

/** An internal type that shares its simple name with the adapter's entry point; test use only. */
public final class PersistenceAdapter {
}
