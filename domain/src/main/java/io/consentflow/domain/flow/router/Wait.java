package io.consentflow.domain.flow.router;

/**
 * The run pauses until the next message. With {@code timeoutSeconds} set, a run still waiting then continues
 * through {@code timeoutCategoryUuid} (usually "No Response").
 */
public record Wait(Integer timeoutSeconds, String timeoutCategoryUuid) {
    public boolean hasTimeout() {
        return timeoutSeconds != null && timeoutCategoryUuid != null;
    }
}
