package io.consentflow.domain.message;

import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored message: one a contact sent us ({@link ReceivedMessage}) or one we send ({@link OutboundMessage}). What
 * both have; everything else belongs to one direction only.
 */
public sealed interface Message permits ReceivedMessage, OutboundMessage {
    UUID id();

    Phone phone();

    Direction direction();

    MessageType type();

    /** The text shown for it: what the contact wrote, or what we send (a template's name and parameters). */
    String text();

    MessageStatus status();

    Instant at();
}
