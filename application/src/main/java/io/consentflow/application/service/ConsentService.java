package io.consentflow.application.service;

import io.consentflow.application.port.in.ChangeConsentUseCase;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.application.port.out.TransactionRunner;
import io.consentflow.domain.consent.ConsentRequest;
import io.consentflow.domain.contact.Contact;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Consent from a provider event or the admin API; the contact aggregate decides what changes. */
public final class ConsentService implements ChangeConsentUseCase {
    private final TransactionRunner tx;
    private final Contacts contacts;
    private final Clock clock;
    private final Telemetry telemetry;

    public ConsentService(TransactionRunner tx, Contacts contacts, Clock clock, Telemetry telemetry) {
        this.tx = tx;
        this.contacts = contacts;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    @Override
    public Optional<Contact> change(ChangeConsentCommand cmd) {
        Optional<Contact> changed = tx.inTransaction(() -> apply(cmd));
        changed.ifPresent(c -> c.newConsentChanges().forEach(telemetry::consentChanged));
        return changed;
    }

    private Optional<Contact> apply(ChangeConsentCommand cmd) {
        Instant now = clock.instant();
        if (!cmd.createIfMissing() && contacts.find(cmd.phone()).isEmpty()) return Optional.empty();
        Contact contact = contacts.lockOrCreate(cmd.phone(), null, now);
        Instant at = cmd.at() == null ? now : cmd.at();
        if (contact.changeConsent(new ConsentRequest(cmd.to(), cmd.method(), cmd.evidence(), null, at))) {
            contacts.save(contact);
        }
        return Optional.of(contact);
    }
}
