package io.consentflow.application.service;

import io.consentflow.application.port.in.CheckHealthUseCase;
import io.consentflow.application.port.out.DatabaseHealth;

public final class HealthService implements CheckHealthUseCase {
    private final DatabaseHealth database;

    public HealthService(DatabaseHealth database) {
        this.database = database;
    }

    @Override
    public boolean databaseUp() {
        return database.up();
    }
}
