package io.consentflow.application.port.out;

import java.time.Instant;

/**
 * The business number's sending budget ({@code CONSENTFLOW_SEND_RATE} messages per second), held by every instance
 * of the service together. Replies to contacts who are talking to the bot are counted against it but never wait;
 * broadcast messages take only what is left, so a broadcast never delays a conversation's answer.
 */
public interface SendPace {
    /** No budget at all: every message may go (tests, and hosts that pace elsewhere). */
    SendPace UNLIMITED = new SendPace() {
        @Override
        public int take(int wanted, Instant now) {
            return wanted;
        }

        @Override
        public void spent(int messages, Instant now) {
        }

        @Override
        public void slowDown(Instant now) {
        }
    };

    /** Broadcast work: how many of {@code wanted} messages may be handed to the provider now (0 to wanted). */
    int take(int wanted, Instant now);

    /** Replies (the outbox): counted against the budget, never refused. */
    void spent(int messages, Instant now);

    /** The provider answered "too fast" (HTTP 429, Meta's 130429 or 131056): send slower for a while. */
    void slowDown(Instant now);
}
