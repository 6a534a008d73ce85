package io.consentflow.application.port.in;

/**
 * Housekeeping of the dashboard's counts: changes are recorded as they happen, cheaply, and folded into the kept
 * counts now and then (the scheduler), so the recorded changes stay few and the dashboard reads stay small.
 */
public interface FoldCountsUseCase {
    void foldCounts();
}
