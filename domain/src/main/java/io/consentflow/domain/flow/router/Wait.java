package io.consentflow.domain.flow.router;

/**
 * The run pauses until the next message. With {@code timeoutSeconds} set, a run still waiting then continues
 * through {@code timeoutCategoryUuid} (usually "No Response"). Glific's dynamic wait gives the seconds as an
 * expression instead ({@code timeoutExpression}, e.g. {@code @results.delay}), evaluated when the run arrives.
 */
public record Wait(Integer timeoutSeconds, String timeoutCategoryUuid, String timeoutExpression) {
    /** A wait with fixed seconds (or none). */
    public Wait(Integer timeoutSeconds, String timeoutCategoryUuid) {
        this(timeoutSeconds, timeoutCategoryUuid, null);
    }

    public boolean hasTimeout() {
        return timeoutCategoryUuid != null && (timeoutSeconds != null || timeoutExpression != null);
    }

    /** Whether the seconds come from an expression (an expression wins over seconds, as in Glific). */
    public boolean timeoutIsExpression() {
        return timeoutExpression != null && !timeoutExpression.isBlank();
    }
}
