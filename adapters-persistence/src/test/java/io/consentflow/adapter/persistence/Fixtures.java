package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.ReceivedMessage;
import io.consentflow.domain.message.MessageType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Test data: unique phones (so tests in one class share a database without meeting) and fixed instants. */
final class Fixtures {
    /** Microsecond precision, as timestamptz keeps. */
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

    private Fixtures() {
    }

    static Phone phone() {
        return new Phone("91" + (1_000_000_000L + ThreadLocalRandom.current().nextLong(8_999_999_999L)));
    }

    /** A message from Asha at {@link #T0}, as a webhook would bring it. */
    static ReceivedMessage inbound(Phone phone, String provider, String providerId, MessageType type, String text) {
        return ReceivedMessage.of(UUID.randomUUID(), new InboundMessage(provider, providerId, phone, "Asha", type, text,
                T0));
    }

    /** A Gupshup text "hi". */
    static ReceivedMessage inbound(Phone phone, String providerId) {
        return inbound(phone, "gupshup", providerId, MessageType.TEXT, "hi");
    }

    /** Opens the contact's conversation (creating it) and saves nothing: the contact as locked. */
    static Contact lockOrCreate(Conversations conversations, Phone phone, String name, Instant now) {
        return conversations.lockOrCreate(phone, name, now,
                c -> new Conversations.Turn<>(Changes.none(), c.contact()));
    }

    /** Writes the contact as it is, with the consent changes it has not handed out yet. */
    static void save(Conversations conversations, Contact contact) {
        conversations.save(Changes.of(contact));
    }

    static void addOutbound(Conversations conversations, List<OutboundMessage> outbound) {
        conversations.save(Changes.none().withOutbound(outbound));
    }

    /** The {@code reason} column as a message reads back: a refusal's code or the provider's words. */
    static String reason(OutboundMessage m) {
        return m.refusal() != null ? m.refusal().code() : m.failure();
    }

    static OutboundMessage outbound(io.consentflow.application.port.out.Messages messages, UUID id) {
        return (OutboundMessage) messages.find(id).orElseThrow();
    }
}
