package io.consentflow.adapter.persistence.violation;

import io.consentflow.adapter.http.violation.HttpSeeingPersistence;

/** Deliberately couples the persistence adapter to the HTTP adapter; test use only. */
public final class PersistenceSeeingHttp {
    public HttpSeeingPersistence dto;
}
