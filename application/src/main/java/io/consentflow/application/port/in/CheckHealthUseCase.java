package io.consentflow.application.port.in;

public interface CheckHealthUseCase {
    boolean databaseUp();
}
