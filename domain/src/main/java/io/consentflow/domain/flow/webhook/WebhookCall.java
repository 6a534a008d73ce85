package io.consentflow.domain.flow.webhook;

import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A call a sprint queued: the run {@code runId} of {@code phone} paused at the {@code call_webhook} action
 * {@code actionUuid} until the call's outcome resumes it. Stored with the sprint, made after its commit.
 */
public record WebhookCall(UUID id, UUID runId, Phone phone, String actionUuid, WebhookRequest request, Instant at) {
    public WebhookCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(actionUuid, "actionUuid");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(at, "at");
    }
}
