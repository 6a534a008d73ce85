package io.consentflow.domain.flow.action;

import io.consentflow.domain.flow.webhook.WebhookOutcome;

/**
 * An action after which the run pauses, its contact's lock released, until something outside the flow answers:
 * a webhook's outcome ({@link CallWebhook}), a result posted for the run or its delay passing
 * ({@link WaitForResult}), or only the delay ({@link WaitForTime}). While paused the run waits for no reply: a
 * message meanwhile is handled as if no run were waiting.
 */
public sealed interface Pausing extends Action permits CallWebhook, WaitForResult, WaitForTime {
    /**
     * The pause ended: {@code outcome} is the call's outcome or the posted result, null when the delay passed.
     * Saves what the action saves and returns the text the node's router then sees as {@code @input}
     * ({@code Success} or {@code Failure}, as Glific hands its routers), or null for none.
     */
    String resume(Step step, WebhookOutcome outcome);

    /** Whether this kind of answer ends this action's pause; any other leaves the run paused. */
    boolean takes(Answer answer);

    /** What may end a pause. */
    enum Answer {
        /** The outcome of the webhook call this action queued. */
        CALL,
        /** A result posted from outside for the run. */
        POSTED_RESULT,
        /** The delay passed. */
        DELAY
    }
}
