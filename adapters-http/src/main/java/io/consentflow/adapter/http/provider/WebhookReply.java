package io.consentflow.adapter.http.provider;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The body of a webhook's 200 answer; {@code skipped} names the items of the callback that could not be read
 * (left out when there are none).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WebhookReply(String status, List<Skipped> skipped) {
    public WebhookReply(String status) {
        this(status, List.of());
    }

    public WebhookReply withSkipped(List<Skipped> items) {
        return new WebhookReply(status, List.copyOf(items));
    }

    /** An item left out of a callback: where, and what is wrong with it. */
    public record Skipped(String field, String detail) {
    }
}
