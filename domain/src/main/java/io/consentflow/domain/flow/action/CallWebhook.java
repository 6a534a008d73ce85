package io.consentflow.domain.flow.action;

import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.flow.webhook.WebhookOutcome;
import io.consentflow.domain.flow.webhook.WebhookRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls a webhook ({@code GET}, {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) or a function the host
 * registered (Glific's {@code FUNCTION}), its url, headers and body rendered. The run pauses and the call is made
 * after the sprint's commit, outside any transaction; its outcome resumes the run: the result {@code resultName}
 * gets the HTTP status as value, {@code Success} or {@code Failure} as category and, on success, the answer's
 * fields ({@code @results.<name>.<field>}, Glific's shape); the run keeps the answer's JSON ({@code @webhook}).
 *
 * @param resultName may be null: then only the run's {@code @input} ({@code Success}/{@code Failure}) tells
 */
public record CallWebhook(String uuid, String method, String url, Map<String, String> headers, String body,
                          String resultName) implements Pausing {
    public CallWebhook {
        headers = Map.copyOf(headers);
    }

    @Override
    public boolean execute(Step step) {
        Map<String, String> rendered = new LinkedHashMap<>();
        headers.forEach((name, value) -> rendered.put(name, step.render(value)));
        step.awaitCall(uuid, new WebhookRequest(method, step.render(url).strip(), rendered, step.render(body)));
        return true;
    }

    @Override
    public boolean takes(Answer answer) {
        return answer == Answer.CALL;
    }

    @Override
    public String resume(Step step, WebhookOutcome outcome) {
        if (outcome.json() != null) step.run().webhookAnswered(outcome.json(), step.now());
        if (resultName != null && !resultName.isBlank()) {
            // the url as written: a rendered one may carry a token
            step.run().saveResult(new RunResult(resultName, outcome.recorded(), outcome.category(),
                    method + " " + url, step.run().nodeUuid(), step.now(), outcome.fields()));
        }
        return outcome.category();
    }
}
