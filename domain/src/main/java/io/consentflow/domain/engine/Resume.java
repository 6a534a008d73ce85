package io.consentflow.domain.engine;

import io.consentflow.domain.message.InboundMessage;

import java.util.UUID;

/**
 * What wakes a waiting run. {@link #accept} is the one way to tell the kinds apart: a new kind does not compile
 * until every {@link Cases} handles it.
 */
public sealed interface Resume {
    <R> R accept(Cases<R> cases);

    /** One answer per kind of resume. */
    interface Cases<R> {
        R reply(Reply reply);

        R timeout(Timeout timeout);

        R expiry(Expiry expiry);
    }

    /** The contact replied; {@code messageId} is the stored inbound message (consent evidence). */
    record Reply(InboundMessage message, UUID messageId) implements Resume {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.reply(this);
        }
    }

    /** The wait's timeout passed: the run continues through the timeout category. */
    record Timeout() implements Resume {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.timeout(this);
        }
    }

    /** The run waited longer than the flow's expire_after_minutes: it ends as expired. */
    record Expiry() implements Resume {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.expiry(this);
        }
    }
}
