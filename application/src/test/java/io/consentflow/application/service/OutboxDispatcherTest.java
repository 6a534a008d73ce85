package io.consentflow.application.service;

import io.consentflow.application.port.out.MessageSender;
import io.consentflow.application.port.out.MessageSender.SendResult;
import io.consentflow.application.port.out.Outbox;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutboxDispatcherTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    /** Records what the dispatcher told the outbox. */
    static final class RecordingOutbox implements Outbox {
        final List<Claimed> due = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public List<Claimed> claim(Instant now, Duration lease, int limit) {
            List<Claimed> out = List.copyOf(due.subList(0, Math.min(limit, due.size())));
            due.removeAll(out);
            return out;
        }

        @Override
        public void accepted(UUID id, String provider, String providerId, Instant at) {
            calls.add("accepted " + provider + " " + providerId);
        }

        @Override
        public void retryLater(UUID id, Instant notBefore, String error) {
            calls.add("retry in " + Duration.between(NOW, notBefore).toSeconds() + "s: " + error);
        }

        @Override
        public void failed(UUID id, String reason, Instant at) {
            calls.add("failed: " + reason);
        }

        @Override
        public long depth() {
            return due.size();
        }
    }

    static Outbox.Claimed claimed(String text, int attempts) {
        return new Outbox.Claimed(new Message(UUID.randomUUID(), Phone.parse("919812345678"), Direction.OUTBOUND,
                MessageType.TEXT, text, new OutboundContent.Text(text, List.of()), null, null, MessageStatus.QUEUED,
                null, null, NOW.minusSeconds(1)), attempts);
    }

    @Test
    void outcomesAreRecordedWithBackoffThatDoublesAndIsCapped() {
        RecordingOutbox outbox = new RecordingOutbox();
        outbox.due.addAll(List.of(claimed("ok", 0), claimed("flaky", 0), claimed("flaky again", 3),
                claimed("hopeless", 0), claimed("crash", 30)));
        MessageSender sender = new MessageSender() {
            @Override
            public SendResult send(Message m) {
                return switch (m.text()) {
                    case "ok" -> new SendResult.Accepted("p-1");
                    case "flaky", "flaky again" -> new SendResult.Retry("503");
                    case "hopeless" -> new SendResult.Rejected("400");
                    default -> throw new IllegalStateException("socket closed");
                };
            }

            @Override
            public String provider() {
                return "gupshup";
            }
        };
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, sender, Clock.fixed(NOW, ZoneOffset.UTC), Telemetry.NONE);
        assertEquals(5, dispatcher.dispatchOnce(10));
        assertEquals(List.of("accepted gupshup p-1", "retry in 2s: 503", "retry in 16s: 503", "failed: 400",
                "retry in 600s: java.lang.IllegalStateException: socket closed"), outbox.calls);
        assertEquals(0, dispatcher.dispatchOnce(10));
    }
}
