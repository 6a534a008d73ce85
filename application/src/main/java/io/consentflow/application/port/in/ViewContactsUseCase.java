package io.consentflow.application.port.in;

import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Message;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read side of the admin API. Empty means no such contact/message. */
public interface ViewContactsUseCase {
    Optional<Contact> contact(Phone phone);

    /** The contact as values, for callers outside the use cases (e.g. a host embedding the engine). */
    default Optional<ContactView> view(Phone phone) {
        return contact(phone).map(ContactView::of);
    }

    Optional<List<ConsentChange>> consentHistory(Phone phone);

    Optional<List<Message>> messages(Phone phone);

    /** The contact's newest {@code limit} messages, oldest first (the end of a long conversation). */
    default Optional<List<Message>> latestMessages(Phone phone, int limit) {
        return messages(phone).map(all -> all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    Optional<Message> message(UUID id);
}
