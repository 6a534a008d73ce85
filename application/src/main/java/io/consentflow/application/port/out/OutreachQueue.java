package io.consentflow.application.port.out;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.effect.Outreach;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Work flows queued for other contacts ({@link Outreach}, written with the sender's changes by {@link
 * Conversations}). Its recipients are listed once (a group's members found then); each recipient is then taken in
 * the transaction that applies the work to it, so it gets the work once, however many instances work the queue.
 */
public interface OutreachQueue {
    /** Queued work whose recipients were not listed yet, oldest first. */
    List<Outreach> unlisted(int limit);

    /** Lists {@code phones} as the recipients of {@code outreachId}, once (a second listing adds nobody). */
    void list(UUID outreachId, Collection<Phone> phones, Instant at);

    /** Recipients not done yet, with their work, oldest work first. */
    List<Pending> pending(int limit);

    /**
     * Takes the recipient for the transaction it is called in (the recipient's conversation): false when it was
     * done already, by another instance or an earlier pass. Its outcome is recorded with it.
     */
    boolean take(UUID outreachId, Phone phone, String outcome, Instant at);

    /** One recipient still to get its work. */
    record Pending(Outreach outreach, Phone phone) {
    }
}
