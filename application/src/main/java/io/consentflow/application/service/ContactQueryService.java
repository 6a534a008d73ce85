package io.consentflow.application.service;

import io.consentflow.application.port.in.ViewContactsUseCase;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Messages;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Message;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public final class ContactQueryService implements ViewContactsUseCase {
    private final Contacts contacts;
    private final Messages messages;

    public ContactQueryService(Contacts contacts, Messages messages) {
        this.contacts = contacts;
        this.messages = messages;
    }

    @Override
    public Optional<Contact> contact(Phone phone) {
        return contacts.find(phone);
    }

    @Override
    public Optional<List<ConsentChange>> consentHistory(Phone phone) {
        return contacts.find(phone).map(c -> contacts.history(phone));
    }

    @Override
    public Optional<List<Message>> messages(Phone phone) {
        return contacts.find(phone).map(c -> messages.ofContact(phone));
    }

    @Override
    public Optional<List<Message>> latestMessages(Phone phone, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        return contacts.find(phone).map(c -> messages.latestOfContact(phone, limit));
    }

    @Override
    public Optional<Message> message(UUID id) {
        return messages.find(id);
    }
}
