package io.consentflow.application.port.out;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.message.Message;

import java.time.Instant;

/**
 * The first step of every inbound message, in the caller's transaction: lock (or create) the sender's contact, so
 * its messages apply one at a time, and record the message unless its provider delivered it before. One port for
 * both so that a store can do them in one round trip.
 */
public interface Inbox {
    /** @param senderName the name the provider gave, for a new contact (may be null) */
    Admission admit(Message inbound, String senderName, Instant now);

    /** The locked contact, and whether the message was a duplicate (then nothing was recorded). */
    record Admission(Contact contact, boolean duplicate) {
    }

    /** The two steps as two calls, for stores that have nothing better. */
    static Inbox of(Contacts contacts, Messages messages) {
        return (inbound, senderName, now) -> {
            Contact contact = contacts.lockOrCreate(inbound.phone(), senderName, now);
            return new Admission(contact, !messages.recordInbound(inbound));
        };
    }
}
