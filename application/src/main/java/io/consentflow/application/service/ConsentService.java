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
        if (!cmd.createIfMissing() && contacts.find(cmd.phone()).isEmpty()) return Optional.empty();
        Contact contact = contacts.lockOrCreate(cmd.phone(), null, clock.instant());
        // Taken once the contact is locked: a change that waited for the lock is recorded as applied after what
        // held it, so the history and the messages around it agree with the order in which they were applied.
        Instant now = clock.instant();
        Instant at = cmd.at() == null || cmd.at().isAfter(now) ? now : cmd.at();
        ConsentRequest request = new ConsentRequest(cmd.to(), cmd.method(), cmd.evidence(), null, at);
        boolean changed = cmd.liftsOnly() == null ? contact.changeConsent(request)
                : contact.liftProviderStop(cmd.liftsOnly(), request);
        if (changed) contacts.save(contact);
        return Optional.of(contact);
    }
}
