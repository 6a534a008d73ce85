package io.consentflow.adapter.persistence;

import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.policy.OrgSettings;
import org.jdbi.v3.core.Jdbi;

/**
 * Every row the queries read, mapped once for all of them: a query names the type it wants
 * ({@code mapTo(Contact.class)}). The rows' own {@code read} methods do the work, so the plain-JDBC statements of
 * the conversation and the outbox read the same columns the same way.
 */
final class RowMappers {
    private RowMappers() {
    }

    static Jdbi register(Jdbi jdbi) {
        return jdbi
                .registerRowMapper(Contact.class, (rs, ctx) -> ContactRow.read(rs).toContact())
                .registerRowMapper(ConsentChange.class, (rs, ctx) -> ConsentChangeRow.read(rs).toChange())
                .registerRowMapper(Message.class, (rs, ctx) -> MessageRow.read(rs).toMessage())
                .registerRowMapper(OutboundMessage.class, (rs, ctx) -> MessageRow.read(rs).toOutbound())
                .registerRowMapper(FlowRow.class, (rs, ctx) -> FlowRow.read(rs))
                .registerRowMapper(Phone.class, (rs, ctx) -> new Phone(rs.getString("phone")))
                .registerRowMapper(OrgSettings.class, (rs, ctx) -> new OrgSettings(rs.getString("optin_flow"),
                        rs.getString("new_contact_flow"), StoredJson.fields(rs.getString("globals"))));
    }
}
