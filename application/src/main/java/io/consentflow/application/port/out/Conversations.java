package io.consentflow.application.port.out;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.ReceivedMessage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A contact's conversation, loaded and saved explicitly, each call one transaction: the store opens the
 * conversation (the contact locked, so one contact's changes apply one at a time across instances, and its
 * unfinished runs), hands it to {@code work}, then saves the {@link Changes} that {@code work} returned and commits.
 * A write that fails surfaces from the same call, and nothing of it stays. A store may run {@code work} again when
 * the transaction lost a deadlock or a serialization conflict, so {@code work} must only change the objects it is
 * given.
 */
public interface Conversations {
    /**
     * The conversation of an inbound message's sender (created with {@code senderName} at {@code now} if new), the
     * message recorded with it. A message its provider delivered before changes nothing at all, not even the contact
     * a first delivery would create: {@code work} is not called and the result is empty.
     */
    <T> Optional<T> inbound(ReceivedMessage inbound, String senderName, Instant now, Function<Conversation, Turn<T>> work);

    /** The conversation of a contact that exists; empty (and {@code work} not called) when there is none. */
    <T> Optional<T> existing(Phone phone, Function<Conversation, Turn<T>> work);

    /** The conversation of a contact, created with {@code name} (may be null) at {@code now} if there is none. */
    <T> T lockOrCreate(Phone phone, String name, Instant now, Function<Conversation, Turn<T>> work);

    /**
     * Saves changes that need no conversation opened first, in one transaction: a provider's status for a message
     * whose contact nothing else changes. A contact among them is written as it is, without having been locked.
     */
    void save(Changes changes);

    /** What {@code work} produced: the changes to save, and what the caller gets back once they are committed. */
    record Turn<T>(Changes changes, T result) {
        public Turn {
            Objects.requireNonNull(changes, "changes");
            Objects.requireNonNull(result, "result");
        }

        /** Saves {@code changes} and hands them back to the caller. */
        public static Turn<Changes> saving(Changes changes) {
            return new Turn<>(changes, changes);
        }
    }
}
