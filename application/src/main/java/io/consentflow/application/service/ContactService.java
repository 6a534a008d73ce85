package io.consentflow.application.service;

import io.consentflow.application.port.in.ContactPage;
import io.consentflow.application.port.in.ContactQuery;
import io.consentflow.application.port.in.ManageContactsUseCase;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.ContactDirectory;
import io.consentflow.application.port.out.Conversation;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentRequest;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Language;
import io.consentflow.domain.contact.Phone;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Contacts created, updated, blocked and unblocked by staff, each in one transaction under the contact's lock
 * ({@link Conversations}), the contact aggregate deciding what changes; listing and export read as committed.
 */
public final class ContactService implements ManageContactsUseCase {
    private final Conversations conversations;
    private final ContactDirectory directory;
    private final Clock clock;
    private final Telemetry telemetry;

    public ContactService(Conversations conversations, ContactDirectory directory, Clock clock, Telemetry telemetry) {
        this.conversations = conversations;
        this.directory = directory;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    @Override
    public Saved save(SaveContact cmd) {
        if (cmd.language() != null && Language.find(cmd.language()).isEmpty()) {
            throw new IllegalArgumentException("unknown language " + cmd.language());
        }
        Done done = conversations.lockOrCreate(cmd.phone(), cmd.name(), clock.instant(), c -> apply(cmd, c));
        done.consentChanges().forEach(telemetry::consentChanged);
        return done.saved();
    }

    private record Done(Saved saved, List<ConsentChange> consentChanges) {
    }

    private Conversations.Turn<Done> apply(SaveContact cmd, Conversation conversation) {
        Contact c = conversation.contact();
        if (cmd.name() != null) c.rename(cmd.name());
        if (cmd.language() != null) c.changeLanguage(cmd.language());
        if (cmd.fields() != null) cmd.fields().forEach(c::setField);
        if (cmd.groups() != null) c.addGroups(cmd.groups());
        if (cmd.consent() != null) {
            // timed once the contact is locked, as every API consent change is (ConsentService)
            String evidence = cmd.note() == null || cmd.note().isBlank() ? "api" : cmd.note();
            c.changeConsent(new ConsentRequest(cmd.consent(), ConsentMethod.API, evidence, null, clock.instant()));
        }
        Changes changes = Changes.of(c);
        return new Conversations.Turn<>(changes, new Done(new Saved(c, conversation.created()),
                changes.consentChanges()));
    }

    @Override
    public Optional<Contact> block(Phone phone) {
        return conversations.existing(phone, c -> {
            c.contact().block();
            return new Conversations.Turn<>(Changes.of(c.contact()), c.contact());
        });
    }

    @Override
    public Optional<Contact> unblock(Phone phone) {
        return conversations.existing(phone, c -> {
            c.contact().unblock();
            return new Conversations.Turn<>(Changes.of(c.contact()), c.contact());
        });
    }

    @Override
    public ContactPage list(ContactQuery query) {
        return directory.page(query);
    }

    @Override
    public void export(ContactQuery filters, Consumer<Contact> each) {
        directory.forEach(filters, each);
    }
}
