package io.consentflow.domain.flow.webhook;

import java.util.Map;

/**
 * How a webhook call (or a result posted for a waiting run) ended. A success is a 2xx answer whose body is a JSON
 * object: {@code json} is that object as text (kept on the run for {@code @webhook.json}) and {@code fields} its
 * members flattened by dotted path ({@code a}, {@code a.b}, {@code list.0}), each value as text, for
 * {@code @results.<name>.<field>}. Anything else is a failure: {@code status} is the HTTP status when there was
 * one (0 when none), {@code failure} says why in a word ({@code status}, {@code timeout}, {@code not_json},
 * {@code too_large}, {@code refused_address}, {@code unreachable}, {@code bad_url}, {@code no_function},
 * {@code function_failed}, {@code delay_passed}, {@code gave_up}).
 */
public record WebhookOutcome(int status, String failure, String json, Map<String, String> fields) {
    public WebhookOutcome {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** A 2xx answer with a JSON object. */
    public static WebhookOutcome success(int status, String json, Map<String, String> fields) {
        if (status < 200 || status > 299) throw new IllegalArgumentException("not a 2xx status: " + status);
        return new WebhookOutcome(status, null, json, fields);
    }

    /** Any other ending; {@code status} 0 when no HTTP answer came. */
    public static WebhookOutcome failed(int status, String failure) {
        return new WebhookOutcome(status, failure == null ? "failed" : failure, null, Map.of());
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** The category the run takes: Glific's and goflow's names. */
    public String category() {
        return succeeded() ? "Success" : "Failure";
    }

    /** What the result records as its value: the HTTP status, else why there was none. */
    public String recorded() {
        return status > 0 ? Integer.toString(status) : failure;
    }
}
