package io.consentflow.adapter.http.admin;

import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.consent.ConsentStatus;
import io.consentflow.domain.contact.Contact;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import java.util.List;

/** Contacts and their consent to JSON. */
@Mapper(uses = WireNames.class)
interface ContactJsonMapper {

    @Mapping(target = "status", source = "consent.state")
    @Mapping(target = "at", source = "consent.at")
    @Mapping(target = "method", source = "consent.method")
    @Mapping(target = "marketing", source = "marketing.state")
    ConsentJson toJson(ConsentStatus consent, ConsentStatus marketing);

    @Mapping(target = "flow", source = "flowUuid")
    ConsentChangeJson toJson(ConsentChange change);

    List<ConsentChangeJson> toHistoryJson(List<ConsentChange> history);

    /** By hand: Contact is a class with fluent accessors, which MapStruct does not see as properties. */
    default ContactJson toJson(Contact contact) {
        if (contact == null) return null;
        return new ContactJson(contact.phone().digits(), contact.name(), contact.language(),
                contact.status().wire(), toJson(contact.consent(), contact.marketingConsent()), contact.lastInboundAt(),
                contact.fields(), contact.groups().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList());
    }
}
