package io.consentflow.application.port.out;

import io.consentflow.domain.flow.webhook.WebhookCall;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The queue of webhook calls that paused runs wait for. A call is queued with the sprint that paused its run
 * ({@link Changes#calls()}) and marked done with the sprint its outcome resumed ({@link Changes#callsDone()}).
 */
public interface WebhookCalls {
    /**
     * In a short transaction of its own: up to {@code limit} calls not done whose lease (if any) ran out, oldest
     * first, each leased until {@code now + lease} and its attempts counted. Several instances never hold one call
     * at once; a call whose claimer died is claimed again once its lease runs out.
     */
    List<Claimed> claim(Instant now, Duration lease, int limit);

    /** A claimed call and how many times it has been claimed, this claim included. */
    record Claimed(WebhookCall call, int attempts) {
    }
}
