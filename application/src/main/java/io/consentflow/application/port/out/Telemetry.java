package io.consentflow.application.port.out;

import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.RefusalReason;

import java.time.Duration;

/** What the use cases report for operators (counters and timings); called after the work committed. */
public interface Telemetry {
    Telemetry NONE = new Telemetry() {
    };

    default void inbound(InboundMessage message, boolean duplicate) {
    }

    default void flowStarted(String flowName) {
    }

    default void consentChanged(ConsentChange change) {
    }

    default void sendRefused(RefusalReason reason) {
    }

    /** A provider accepted a message {@code latency} after it was queued. */
    default void delivered(String provider, Duration latency) {
    }

    default void deliveryFailed(String provider, boolean willRetry) {
    }
}
