package io.consentflow.adapter.http.violation;

import io.consentflow.adapter.persistence.violation.PersistenceSeeingHttp;

/** Deliberately couples the HTTP adapter to the persistence adapter (and back: a cycle); test use only. */
public final class HttpSeeingPersistence {
    public PersistenceSeeingHttp rows;
}
