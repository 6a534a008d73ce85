package io.consentflow.domain.engine;

import io.consentflow.domain.flow.webhook.WebhookOutcome;
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

        R callAnswered(CallAnswered answered);

        R resultPosted(ResultPosted posted);
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

    /**
     * The webhook call {@code callId} ended with {@code outcome}: the run paused for it continues. A run paused for
     * another call, or no longer paused, is left as it is, so an outcome applied once never applies again.
     */
    record CallAnswered(UUID callId, WebhookOutcome outcome) implements Resume {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.callAnswered(this);
        }
    }

    /** A result was posted for the run, paused at a {@code wait_for_result}: it continues with it. */
    record ResultPosted(WebhookOutcome outcome) implements Resume {
        @Override
        public <R> R accept(Cases<R> cases) {
            return cases.resultPosted(this);
        }
    }
}
