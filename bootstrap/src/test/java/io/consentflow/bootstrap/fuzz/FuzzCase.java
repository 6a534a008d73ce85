package io.consentflow.bootstrap.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One generated request and what the contract allows as its answer.
 *
 * @param endpoint  a label for reports ("POST /webhooks/gupshup")
 * @param index     the input's number in its endpoint's stream (with the seed, enough to regenerate it)
 * @param how       how it was made (seed name and mutations), for reports
 * @param method    HTTP method
 * @param target    the request target as sent: path and query, already %-encoded (or deliberately not)
 * @param headers   request headers (Content-Type, Authorization...)
 * @param body      body bytes, or null for none
 * @param allowed   the statuses the contract allows for this input; never a 5xx
 * @param raw       send over a plain socket, byte for byte (targets {@link java.net.URI} would refuse)
 * @param onSuccess an extra check of a 2xx answer (e.g. the import echoes the imported uuids), or null
 */
record FuzzCase(String endpoint, int index, String how, String method, String target, Map<String, String> headers,
                byte[] body, Set<Integer> allowed, boolean raw, Consumer<FuzzReply> onSuccess) {

    /** Whether every allowed answer is a refusal: such inputs must change nothing. */
    boolean refusedClass() {
        return allowed.stream().allMatch(s -> s >= 400 && s < 500);
    }

    FuzzCase withHeaders(Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putAll(extra);
        return new FuzzCase(endpoint, index, how, method, target, h, body, allowed, raw, onSuccess);
    }

    String summary() {
        String b = body == null ? "<no body>" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)
                .replace("\n", "\\n");
        return endpoint + " #" + index + " [" + how + "] " + method + " " + abbreviate(target, 200) + " headers="
                + headers.keySet() + " allowed=" + allowed + " body(" + (body == null ? 0 : body.length) + " bytes)="
                + b + (body != null && body.length > 300 ? "..." : "");
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
    }
}
