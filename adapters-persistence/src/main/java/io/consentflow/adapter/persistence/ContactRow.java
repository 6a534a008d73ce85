package io.consentflow.adapter.persistence;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.consent.ConsentStatus;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.contact.RecentFlowTexts;
import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A {@code contacts} row. Mapped by hand: {@link Contact} is a class with a factory, whose consent, status and
 * recent flow texts are rebuilt from several columns.
 */
record ContactRow(String phone, String name, String language, String fieldsJson, List<String> groups,
                  String status, String consentStatus, Instant consentAt, String consentMethod,
                  String consentEvidence, Instant lastInboundAt, Instant createdAt, String flowTextsJson,
                  String marketingStatus, Instant marketingAt, String marketingMethod, String marketingEvidence) {

    /** The columns written; the groups are not a column (see {@link GroupSync}). */
    static final String COLUMNS = "phone, name, language, fields, status, consent_status, consent_at, "
            + "consent_method, consent_evidence, last_inbound_at, created_at, flow_texts, " + Marketing.COLUMNS;
    /**
     * The columns read from {@code contacts} (qualified by {@code contacts}, no alias, so a query may join others), the contact's group names included: one probe of
     * {@code group_members_by_contact} in the same statement, so reading a contact stays one statement.
     */
    static final String SELECT_COLUMNS = "contacts." + COLUMNS.replace(", ", ", contacts.")
            + ", ARRAY(SELECT grp.name FROM group_members member JOIN groups grp ON grp.id = member.group_id"
            + " WHERE member.phone = contacts.phone ORDER BY grp.name) AS groups";

    /** The marketing-messages switch's columns, as the send policy needs them. */
    static final class Marketing {
        static final String COLUMNS = "marketing_consent, marketing_consent_at, marketing_consent_method, "
                + "marketing_consent_evidence";

        private Marketing() {
        }

        static ConsentStatus status(String state, Instant at, String method, String evidence) {
            if (state == null) return ConsentStatus.UNKNOWN;
            return new ConsentStatus(ConsentState.fromWire(state), at,
                    method == null ? null : ConsentMethod.fromWire(method), evidence);
        }
    }

    static ContactRow of(Contact c) {
        ConsentStatus consent = c.consent();
        ConsentStatus marketing = c.marketingConsent();
        return new ContactRow(c.phone().digits(), c.name(), c.language(), StoredJson.fields(c.fields()),
                List.copyOf(c.groups()), c.status().wire(), consent.state().wire(), consent.at(),
                consent.method() == null ? null : consent.method().wire(), consent.evidence(), c.lastInboundAt(),
                c.createdAt(), writeFlowTexts(c.recentFlowTexts()), marketing.state().wire(), marketing.at(),
                marketing.method() == null ? null : marketing.method().wire(), marketing.evidence());
    }

    /**
     * The columns {@link #forSendPolicy} reads, for a claim whose due messages are {@code d}: the contact locked
     * {@code FOR KEY SHARE SKIP LOCKED} (no row when a change holds it), as {@code c}.
     */
    static final String SEND_POLICY_JOIN = """
            LEFT JOIN LATERAL (SELECT k.language AS contact_language, k.status AS contact_status, k.consent_status,
                                      k.consent_at, k.consent_method, k.consent_evidence, k.last_inbound_at,
                                      k.created_at AS contact_created_at, k.marketing_consent,
                                      k.marketing_consent_at, k.marketing_consent_method, k.marketing_consent_evidence
                               FROM contacts k WHERE k.phone = d.phone FOR KEY SHARE SKIP LOCKED) c ON true
            """;

    /**
     * The contact as the send policy sees it when a message leaves (status, consent, marketing switch, window), from
     * the columns the outbox's and a broadcast's claims select ({@code contact_status}, {@code consent_status}, ...),
     * or null when there is none or it was busy (locked by a change right now). The profile (name, fields, groups) is
     * not read: the policy does not look at it, and a claim reads hundreds of contacts.
     */
    static Contact forSendPolicy(ResultSet rs) throws SQLException {
        String status = rs.getString("contact_status");
        if (status == null) return null;
        return new ContactRow(rs.getString("phone"), null, rs.getString("contact_language"), null, List.of(),
                status, rs.getString("consent_status"), Times.instant(rs, "consent_at"),
                rs.getString("consent_method"), rs.getString("consent_evidence"),
                Times.instant(rs, "last_inbound_at"), Times.instant(rs, "contact_created_at"), null,
                rs.getString("marketing_consent"), Times.instant(rs, "marketing_consent_at"),
                rs.getString("marketing_consent_method"), rs.getString("marketing_consent_evidence")).toContact();
    }

    static ContactRow read(ResultSet rs) throws SQLException {
        Array groups = rs.getArray("groups");
        List<String> groupList = groups == null ? List.of() : List.of((String[]) groups.getArray());
        return new ContactRow(rs.getString("phone"), rs.getString("name"), rs.getString("language"),
                rs.getString("fields"), groupList, rs.getString("status"), rs.getString("consent_status"),
                Times.instant(rs, "consent_at"), rs.getString("consent_method"), rs.getString("consent_evidence"),
                Times.instant(rs, "last_inbound_at"), Times.instant(rs, "created_at"), rs.getString("flow_texts"),
                rs.getString("marketing_consent"), Times.instant(rs, "marketing_consent_at"),
                rs.getString("marketing_consent_method"), rs.getString("marketing_consent_evidence"));
    }

    Contact toContact() {
        ConsentStatus consent = new ConsentStatus(ConsentState.fromWire(consentStatus), consentAt,
                consentMethod == null ? null : ConsentMethod.fromWire(consentMethod), consentEvidence);
        return Contact.restore(new Phone(phone), name, language, StoredJson.fields(fieldsJson),
                new LinkedHashSet<>(groups), ContactStatus.fromWire(status), consent, lastInboundAt, createdAt,
                readFlowTexts(flowTextsJson),
                Marketing.status(marketingStatus, marketingAt, marketingMethod, marketingEvidence));
    }

    /**
     * {@code [{"h": hash, "t": [epoch microseconds]}]}, most recently sent last; null when there is none (most
     * contacts). Numbers only, written without a JSON tree: it is read and written with every inbound message.
     */
    static String writeFlowTexts(RecentFlowTexts texts) {
        if (texts.isEmpty()) return null;
        StringBuilder json = new StringBuilder(24 + 48 * texts.entries().size()).append('[');
        for (RecentFlowTexts.Entry e : texts.entries()) {
            if (json.length() > 1) json.append(',');
            json.append("{\"h\":").append(e.hash()).append(",\"t\":[");
            for (int i = 0; i < e.sentAt().size(); i++) {
                if (i > 0) json.append(',');
                Instant t = e.sentAt().get(i);
                json.append(t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000);
            }
            json.append("]}");
        }
        return json.append(']').toString();
    }

    static RecentFlowTexts readFlowTexts(String json) {
        if (json == null) return RecentFlowTexts.NONE;
        List<RecentFlowTexts.Entry> entries = new ArrayList<>();
        for (JsonNode e : StoredJson.tree(json, "contacts.flow_texts")) {
            List<Instant> times = new ArrayList<>();
            e.path("t").forEach(t -> times.add(Instant.EPOCH.plus(t.asLong(), ChronoUnit.MICROS)));
            entries.add(new RecentFlowTexts.Entry(e.path("h").asLong(), times));
        }
        return new RecentFlowTexts(entries);
    }
}
