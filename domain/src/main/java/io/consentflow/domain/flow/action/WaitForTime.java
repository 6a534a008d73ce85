package io.consentflow.domain.flow.action;

import io.consentflow.domain.flow.webhook.WebhookOutcome;

/**
 * Glific's {@code wait_for_time}: the run pauses for {@code delaySeconds}, then goes on. A message meanwhile is
 * handled as if no run were waiting for it (Glific treats it as unexpected). A delay of 0 or less does not pause.
 */
public record WaitForTime(String uuid, long delaySeconds) implements Pausing {
    @Override
    public boolean execute(Step step) {
        if (delaySeconds > 0) step.awaitDelay(uuid, delaySeconds);
        return true;
    }

    @Override
    public boolean takes(Answer answer) {
        return answer == Answer.DELAY;
    }

    @Override
    public String resume(Step step, WebhookOutcome outcome) {
        return null;
    }
}
