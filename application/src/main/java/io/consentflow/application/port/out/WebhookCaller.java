package io.consentflow.application.port.out;

import io.consentflow.domain.flow.webhook.WebhookOutcome;
import io.consentflow.domain.flow.webhook.WebhookRequest;

import java.util.UUID;

/**
 * Makes one webhook call (or calls a host's function, {@code FUNCTION}), outside any transaction, bounded in time
 * and in the size of what it reads. Never throws for what the other side did: every ending is an outcome.
 */
public interface WebhookCaller {
    /** @param runId the run waiting for the call, told to the server (so it can post a result for it later) */
    WebhookOutcome call(WebhookRequest request, UUID runId);
}
