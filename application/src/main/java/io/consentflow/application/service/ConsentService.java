package io.consentflow.application.service;

import io.consentflow.application.port.in.ChangeConsentUseCase;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversation;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.consent.ConsentRequest;
import io.consentflow.domain.contact.Contact;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Consent from a provider event or the admin API; the contact aggregate decides what changes. */
public final class ConsentService implements ChangeConsentUseCase {
    private final Conversations conversations;
    private final Clock clock;
    private final Telemetry telemetry;

    public ConsentService(Conversations conversations, Clock clock, Telemetry telemetry) {
        this.conversations = conversations;
        this.clock = clock;
        this.telemetry = telemetry;
    }

    @Override
    public Optional<Contact> change(ChangeConsentCommand cmd) {
        Optional<Changed> changed = cmd.createIfMissing()
                ? Optional.of(conversations.lockOrCreate(cmd.phone(), null, clock.instant(), c -> apply(cmd, c)))
                : conversations.existing(cmd.phone(), c -> apply(cmd, c));
        changed.ifPresent(c -> c.changes().forEach(telemetry::consentChanged));
        return changed.map(Changed::contact);
    }

    /** The contact after the change, and the consent changes saved with it. */
    private record Changed(Contact contact, List<ConsentChange> changes) {
    }

    private Conversations.Turn<Changed> apply(ChangeConsentCommand cmd, Conversation conversation) {
        Contact contact = conversation.contact();
        // Taken once the contact is locked: a change that waited for the lock is recorded as applied after what
        // held it, so the history and the messages around it agree with the order in which they were applied.
        Instant now = clock.instant();
        Instant at = cmd.at() == null || cmd.at().isAfter(now) ? now : cmd.at();
        ConsentRequest request = new ConsentRequest(cmd.to(), cmd.method(), cmd.evidence(), null, at);
        boolean changed = switch (cmd.topic()) {
            case ALL -> cmd.liftsOnly() == null ? contact.changeConsent(request)
                    : contact.liftProviderStop(cmd.liftsOnly(), request);
            // A resume may also lift a consent opt-out the provider's own stop recorded before stops were kept
            // apart (both are recorded, each under its topic).
            case MARKETING -> contact.changeMarketingConsent(request)
                    | (cmd.liftsOnly() != null && contact.liftProviderStop(cmd.liftsOnly(), request));
        };
        Changes changes = changed ? Changes.of(contact) : Changes.none();
        return new Conversations.Turn<>(changes, new Changed(contact, changes.consentChanges()));
    }
}
