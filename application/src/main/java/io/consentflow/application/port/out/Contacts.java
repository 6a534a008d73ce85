package io.consentflow.application.port.out;

import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;

import java.util.List;
import java.util.Optional;

/**
 * The contacts and their consent history, read as they are committed (nothing locked). Changes go through
 * {@link Conversations}.
 */
public interface Contacts {
    Optional<Contact> find(Phone phone);

    /** Oldest first. */
    List<ConsentChange> history(Phone phone);

    /** The phones of the members of the group named {@code name} (as flows name groups). */
    List<Phone> phonesInGroup(String name);
}
