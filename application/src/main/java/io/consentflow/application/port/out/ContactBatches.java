package io.consentflow.application.port.out;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Many contacts changed in one transaction with a fixed number of round trips, whatever their number: the missing
 * ones created (at {@code now}, as {@link Contact#newContact} makes them) and all of them locked in phone order and
 * read in one round trip; what {@code work} changed written set-based with the commit in another. A store may run
 * {@code work} again when the transaction lost a deadlock, so it must only change the objects it is given.
 */
public interface ContactBatches {
    <T> T inBatch(Set<Phone> phones, Instant now, Function<Batch, Turn<T>> work);

    /** The contacts, locked, by phone; {@code created} the phones this batch created. */
    record Batch(Map<Phone, Contact> contacts, Set<Phone> created) {
        public Batch {
            contacts = Map.copyOf(contacts);
            created = Set.copyOf(created);
        }
    }

    /** The contacts to save (their consent changes drained into the history, their groups synced) and the result. */
    record Turn<T>(List<Contact> changed, T result) {
        public Turn {
            changed = List.copyOf(changed);
            Objects.requireNonNull(result, "result");
        }
    }
}
