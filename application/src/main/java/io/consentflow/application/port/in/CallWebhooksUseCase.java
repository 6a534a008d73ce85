package io.consentflow.application.port.in;

/**
 * Makes the queued webhook calls and resumes the runs that wait for them; called by a worker, safe on several
 * instances.
 */
public interface CallWebhooksUseCase {
    /** Claims up to {@code limit} calls, makes them, resumes their runs; returns how many it claimed. */
    int callOnce(int limit);
}
