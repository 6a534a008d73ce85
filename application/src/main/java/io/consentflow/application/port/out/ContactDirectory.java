package io.consentflow.application.port.out;

import io.consentflow.application.port.in.ContactPage;
import io.consentflow.application.port.in.ContactQuery;
import io.consentflow.domain.contact.Contact;

import java.util.function.Consumer;

/** Contacts listed and exported as committed, in phone order, nothing locked. */
public interface ContactDirectory {
    ContactPage page(ContactQuery query);

    /** Every contact the query's filters select (limit and keyset ignored), read as a stream: memory stays flat. */
    void forEach(ContactQuery filters, Consumer<Contact> each);
}
