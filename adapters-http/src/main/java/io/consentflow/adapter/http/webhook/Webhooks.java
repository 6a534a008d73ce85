package io.consentflow.adapter.http.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.application.port.out.WebhookCaller;
import io.consentflow.application.port.out.WebhookFunctions;
import io.consentflow.domain.flow.webhook.WebhookOutcome;
import io.consentflow.domain.flow.webhook.WebhookRequest;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every webhook a flow calls: HTTP ones through {@link HttpWebhookCaller}, Glific's {@code FUNCTION} ones through
 * the function the embedding host registered under the call's {@code url}, given the rendered body as a JSON
 * object's plain values and answering one ({@code Success} with its fields). An unregistered name, a body that is
 * no JSON object, a function that throws or answers null: {@code Failure}.
 */
public final class Webhooks implements WebhookCaller, WebhookFunctions {
    private final HttpWebhookCaller http;
    private final Map<String, Function<Map<String, Object>, Map<String, Object>>> functions;

    Webhooks(HttpWebhookCaller http, Map<String, Function<Map<String, Object>, Map<String, Object>>> functions) {
        this.http = Objects.requireNonNull(http, "http");
        this.functions = Map.copyOf(functions);
    }

    /**
     * @param client      the HTTP client (made by the caller, redirects never followed)
     * @param timeout     how long a call may take, connecting and answering together
     * @param denyPrivate refuse loopback and private addresses too ({@link AddressPolicy})
     * @param functions   the host's functions for {@code FUNCTION} webhooks, by name
     */
    public static Webhooks create(Supplier<HttpClient> client, Duration timeout, boolean denyPrivate,
                                  Map<String, Function<Map<String, Object>, Map<String, Object>>> functions) {
        return new Webhooks(new HttpWebhookCaller(client, timeout, new AddressPolicy(denyPrivate)), functions);
    }

    @Override
    public WebhookOutcome call(WebhookRequest request, UUID runId) {
        return request.function() ? function(request) : http.call(request, runId);
    }

    @Override
    public boolean registered(String name) {
        return name != null && functions.containsKey(name.strip());
    }

    private WebhookOutcome function(WebhookRequest request) {
        Function<Map<String, Object>, Map<String, Object>> function = functions.get(request.url().strip());
        if (function == null) return WebhookOutcome.failed(0, "no_function");
        JsonNode body = request.body().isBlank() ? WebhookAnswers.object("{}") : WebhookAnswers.object(request.body());
        if (body == null) return WebhookOutcome.failed(0, "not_json");
        Map<String, Object> answer;
        try {
            answer = function.apply(WebhookAnswers.plain(body));
        } catch (RuntimeException e) {
            // the host's code failed: the flow takes Failure, as for a webhook that answered 500
            return WebhookOutcome.failed(0, "function_failed");
        }
        return WebhookAnswers.ofFunction(answer);
    }
}
