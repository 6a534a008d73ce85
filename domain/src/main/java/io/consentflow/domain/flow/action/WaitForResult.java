package io.consentflow.domain.flow.action;

import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.flow.webhook.WebhookOutcome;

/**
 * Glific's {@code wait_for_result}: the run pauses until an outside system posts a result for it
 * ({@code POST /webhooks/flow-resume}), or until {@code delaySeconds} pass. A posted result is saved under
 * {@code resultName} (Glific's default: {@code response}), its fields readable as
 * {@code @results.<name>.<field>}, category {@code Success}; the delay passing saves category {@code Failure}.
 *
 * @param delaySeconds 0 or less: no delay, the run waits for a result until it expires
 */
public record WaitForResult(String uuid, long delaySeconds, String resultName) implements Pausing {
    /** Glific's key for a posted result when the action names none. */
    public static final String DEFAULT_RESULT_NAME = "response";

    @Override
    public boolean execute(Step step) {
        step.awaitDelay(uuid, delaySeconds > 0 ? delaySeconds : null);
        return true;
    }

    @Override
    public boolean takes(Answer answer) {
        return answer == Answer.POSTED_RESULT || answer == Answer.DELAY;
    }

    @Override
    public String resume(Step step, WebhookOutcome outcome) {
        WebhookOutcome o = outcome == null ? WebhookOutcome.failed(0, "delay_passed") : outcome;
        String name = resultName == null || resultName.isBlank() ? DEFAULT_RESULT_NAME : resultName;
        String value = o.json() != null ? o.json() : o.recorded();
        step.run().saveResult(new RunResult(name, value, o.category(), "", step.run().nodeUuid(), step.now(),
                o.fields()));
        return o.category();
    }
}
