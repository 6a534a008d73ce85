package io.consentflow.application.port.out;

@FunctionalInterface
public interface DatabaseHealth {
    /** Whether the database answers a trivial query quickly. */
    boolean up();
}
