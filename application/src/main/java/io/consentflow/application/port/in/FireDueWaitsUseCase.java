package io.consentflow.application.port.in;

/** Moves runs whose wait timed out (or that expired) on; called by a scheduler, safe on several instances. */
public interface FireDueWaitsUseCase {
    /** @return how many contacts' runs were moved */
    int fireDue(int limit);
}
