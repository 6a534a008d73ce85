package io.consentflow.domain.flow.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A webhook call as a {@code call_webhook} action asks for it, its url, headers and body rendered when the action
 * ran. {@code method} is {@code GET}, {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} or Glific's
 * {@code FUNCTION}, for which {@code url} is the name of a function the host registered and {@code body} its
 * JSON argument.
 */
public record WebhookRequest(String method, String url, Map<String, String> headers, String body) {
    public static final String FUNCTION = "FUNCTION";
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", FUNCTION);

    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        method = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) throw new IllegalArgumentException("unknown webhook method " + method);
        url = url == null ? "" : url;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public boolean function() {
        return FUNCTION.equals(method);
    }
}
