package io.consentflow.domain.engine;

import io.consentflow.domain.message.InboundMessage;

import java.util.UUID;

/** What wakes a waiting run. */
public sealed interface Resume {
    /** The contact replied; {@code messageId} is the stored inbound message (consent evidence). */
    record Reply(InboundMessage message, UUID messageId) implements Resume {
    }

    /** The wait's timeout passed: the run continues through the timeout category. */
    record Timeout() implements Resume {
    }

    /** The run waited longer than the flow's expire_after_minutes: it ends as expired. */
    record Expiry() implements Resume {
    }
}
