package io.consentflow.bootstrap.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The flows of {@link #EXPORT}, a Glific-shaped export: keyword {@code remind} sends a template ({@code visit_reminder},
 * variables {@code @contact.name} and {@code Friday}), {@code card} an image captioned with its text and a
 * captionless PDF, {@code blank} a message that renders empty and then a text.
 */
public final class MediaFlows {
    public static final String EXPORT = "/fixtures/media-flows.json";
    /** The template's uuid in the flow: Gupshup's id for it. */
    public static final String TEMPLATE_UUID = "a1b2c3d4-4444-4e5f-8a9b-000000000001";
    public static final String BLANK_FLOW = "a1b2c3d4-0000-4e5f-8a9b-000000000003";

    private MediaFlows() {
    }

    public static void importInto(Http http) {
        Http.Response imported = http.post("/api/v1/flows/import", ServiceFixture.resource(EXPORT));
        assertEquals(201, imported.status(), imported.body());
        assertEquals(3, imported.json().size(), imported.body());
    }

    /** The contact's outbound messages as the messages API shows them, oldest first. */
    public static List<JsonNode> outbound(Http http, String phone) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : http.get("/api/v1/contacts/" + phone + "/messages").json()) {
            if (m.get("direction").asText().equals("outbound")) out.add(m);
        }
        return out;
    }

    /** The contact's inbound messages as the messages API shows them, oldest first. */
    public static List<JsonNode> inbound(Http http, String phone) {
        List<JsonNode> in = new ArrayList<>();
        for (JsonNode m : http.get("/api/v1/contacts/" + phone + "/messages").json()) {
            if (m.get("direction").asText().equals("inbound")) in.add(m);
        }
        return in;
    }

    /** Status and stored errors ({@code runs.errors}, null for none) of the contact's run of {@code flow}. */
    public static List<String> run(ServiceFixture service, String phone, String flow) {
        try (Connection c = DriverManager.getConnection(service.db().url(), service.db().user(),
                service.db().password());
             PreparedStatement st = c.prepareStatement(
                     "SELECT status, errors::text FROM runs WHERE phone = ? AND flow_uuid = ?")) {
            st.setString(1, phone);
            st.setString(2, flow);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) throw new AssertionError("no run of " + flow + " for " + phone);
                List<String> row = new ArrayList<>();
                row.add(rs.getString(1));
                row.add(rs.getString(2));
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
