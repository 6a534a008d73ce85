package io.consentflow.application.port.in;

import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Contacts from outside a conversation: created or updated by staff, blocked and unblocked, listed and exported.
 * Each change is one transaction under the contact's lock; consent goes through the contact's own rules.
 */
public interface ManageContactsUseCase {
    /** Creates or updates the contact; consent given here is recorded with method {@code api}. */
    Saved save(SaveContact command);

    /** Nothing is ever sent to a blocked contact and its messages are ignored; its consent stays. Empty: no contact. */
    Optional<Contact> block(Phone phone);

    /** Back to the status its consent implies. Empty: no contact. */
    Optional<Contact> unblock(Phone phone);

    ContactPage list(ContactQuery query);

    /** Every contact the query's filters select (its limit and keyset ignored), in phone order, as read. */
    void export(ContactQuery filters, Consumer<Contact> each);

    /**
     * @param name     null: unchanged
     * @param language a language {@code Language.find} knows; null: unchanged
     * @param fields   set (an empty value removes the field); null: unchanged
     * @param groups   names of groups to add the contact to (created when missing); null: none
     * @param consent  opted_in or opted_out; null: unchanged
     * @param note     the evidence of the consent change; required to opt in
     */
    record SaveContact(Phone phone, String name, String language, Map<String, String> fields, List<String> groups,
                       ConsentState consent, String note) {
        public SaveContact {
            Objects.requireNonNull(phone, "phone");
            if (consent == ConsentState.UNKNOWN) throw new IllegalArgumentException("consent must be opted_in or opted_out");
            if (consent == ConsentState.OPTED_IN && (note == null || note.isBlank())) {
                throw new IllegalArgumentException("a note is required to opt a contact in");
            }
            fields = fields == null ? null : Map.copyOf(fields);
            groups = groups == null ? null : List.copyOf(groups);
        }
    }

    /** The contact as saved, and whether this call created it. */
    record Saved(Contact contact, boolean created) {
    }
}
