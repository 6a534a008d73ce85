package io.consentflow.application.port.in;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;

import java.util.List;

/** One page of contacts in phone order; {@code next} is the keyset of the following page, null on the last. */
public record ContactPage(List<Contact> contacts, Phone next) {
    public ContactPage {
        contacts = List.copyOf(contacts);
    }
}
