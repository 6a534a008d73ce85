package io.consentflow.bootstrap.allowed;

import io.consentflow.adapter.http.HttpAdapter;
import io.consentflow.adapter.http.HttpSettings;
import io.consentflow.adapter.http.HttpUseCases;
import io.consentflow.adapter.persistence.Migrations;
import io.consentflow.adapter.persistence.PersistenceAdapter;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/** Wires adapters through their entry points and makes the clock and randomness: allowed here; test use only. */
public final class BootstrapWiring {
    public HttpAdapter http;
    public HttpSettings settings;
    public HttpUseCases useCases;
    public PersistenceAdapter db;
    public Class<?> migrations = Migrations.class;

    public Object[] sources() {
        return new Object[]{Clock.systemUTC(), ThreadLocalRandom.current()};
    }
}
