package io.consentflow.application.port.in;

/** Delivers queued outbound messages after their transaction committed. */
public interface DispatchOutboxUseCase {
    /** Claims and sends one batch; returns how many were handed to the provider (accepted or not). */
    int dispatchOnce(int limit);
}
