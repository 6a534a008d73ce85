package io.consentflow.application.port.in;

import io.consentflow.domain.consent.ConsentStatus;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A contact as it was when read: values only. The aggregate itself ({@link Contact}) changes only inside the use
 * cases' transactions; a caller changes consent through {@link ChangeConsentUseCase}.
 */
public record ContactView(Phone phone, String name, String language, ContactStatus status, ConsentStatus consent,
                          Instant lastInboundAt, Instant createdAt, Map<String, String> fields, Set<String> groups) {
    public ContactView {
        fields = Map.copyOf(fields);
        groups = Set.copyOf(groups);
    }

    public static ContactView of(Contact c) {
        return new ContactView(c.phone(), c.name(), c.language(), c.status(), c.consent(), c.lastInboundAt(),
                c.createdAt(), c.fields(), c.groups());
    }

    public boolean blocked() {
        return status == ContactStatus.BLOCKED;
    }
}
