package io.consentflow.adapter.http;

import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.policy.OrgSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static io.consentflow.adapter.http.TestServer.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsRoutesTest {
    private static final String OPTIN = "dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f";

    @RegisterExtension
    final TestServer server = TestServer.open();

    @BeforeEach
    void start() {
        server.fakes.flows.put(OPTIN, new StoredFlow(Fakes.flow(OPTIN, "Optin", List.of("optin"), true, true),
                "{}", Instant.EPOCH));
    }

    @Test
    void getShowsBothSettingsWithNulls() throws Exception {
        TestServer.Reply r = server.get("/api/v1/settings");

        assertEquals(200, r.status());
        assertEquals(MAPPER.readTree("{\"optinFlow\":null,\"newContactFlow\":null,\"globals\":{}}"), r.json());
    }

    @Test
    void putStoresAndAnswersTheSettingsAndAMissingKeyMeansNull() throws Exception {
        server.fakes.settings = new OrgSettings(OPTIN, OPTIN);

        TestServer.Reply r = server.put("/api/v1/settings", "{\"newContactFlow\":\"" + OPTIN + "\",\"optinFlow\":null}");

        assertEquals(200, r.status(), r::toString);
        assertEquals(List.of(new OrgSettings(null, OPTIN)), server.fakes.calls(OrgSettings.class));
        assertEquals(MAPPER.readTree("{\"optinFlow\":null,\"newContactFlow\":\"" + OPTIN + "\",\"globals\":{}}"), r.json());
        assertEquals(r.json(), server.get("/api/v1/settings").json());
    }

    @Test
    void anUnknownFlowIs422() {
        TestServer.Reply r = server.put("/api/v1/settings", "{\"optinFlow\":\"00000000-0000-0000-0000-000000000000\"}");

        assertEquals(422, r.status(), r::toString);
        assertTrue(r.isProblem());
    }

    @Test
    void aWrongTypeIs400NamingTheField() {
        TestServer.Reply r = server.put("/api/v1/settings", "{\"optinFlow\":42}");

        assertEquals(400, r.status());
        assertEquals("optinFlow", r.json().path("field").asText());
        assertTrue(server.fakes.calls.isEmpty());
    }

    @Test
    void aMisspeltKeyIs400NamingItAndClearsNothing() {
        // an ignored unknown key would leave both known ones missing, and so clear both settings
        server.fakes.settings = new OrgSettings(OPTIN, OPTIN);

        TestServer.Reply r = server.put("/api/v1/settings", "{\"optin_flow\":\"" + OPTIN + "\"}");

        assertEquals(400, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals("optin_flow", r.json().path("field").asText(), r::toString);
        assertTrue(r.json().path("detail").asText().contains("optin_flow"), r::toString);
        assertTrue(server.fakes.calls.isEmpty(), () -> "called: " + server.fakes.calls);
        assertEquals(new OrgSettings(OPTIN, OPTIN), server.fakes.settings);
    }

    @Test
    void patchChangesOnlyTheKeysItGivesAndNullClearsOne() throws Exception {
        server.fakes.settings = new OrgSettings(OPTIN, OPTIN);

        TestServer.Reply cleared = server.patch("/api/v1/settings", "{\"newContactFlow\":null}");

        assertEquals(200, cleared.status(), cleared::toString);
        assertEquals(MAPPER.readTree("{\"optinFlow\":\"" + OPTIN + "\",\"newContactFlow\":null,\"globals\":{}}"), cleared.json());
        TestServer.Reply set = server.patch("/api/v1/settings", "{\"newContactFlow\":\"" + OPTIN + "\"}");
        assertEquals(200, set.status(), set::toString);
        TestServer.Reply nothing = server.patch("/api/v1/settings", "{}");
        assertEquals(200, nothing.status(), nothing::toString);
        assertEquals(List.of(new OrgSettings(OPTIN, null), new OrgSettings(OPTIN, OPTIN), new OrgSettings(OPTIN, OPTIN)),
                server.fakes.calls(OrgSettings.class));
        TestServer.Reply unknown = server.patch("/api/v1/settings", "{\"optinFlow\":null,\"extra\":1}");
        assertEquals(400, unknown.status(), unknown::toString);
        assertEquals("extra", unknown.json().path("field").asText());
        assertEquals(3, server.fakes.calls(OrgSettings.class).size());
    }

    @Test
    void globalsArePutAndPatchedAsAWholeBesideTheFlows() throws Exception {
        server.fakes.settings = new OrgSettings(OPTIN, null);

        TestServer.Reply put = server.put("/api/v1/settings",
                "{\"optinFlow\":\"" + OPTIN + "\",\"globals\":{\"helpline\":\"1800 11 2233\",\"org\":\"Asha\"}}");

        assertEquals(200, put.status(), put::toString);
        assertEquals(MAPPER.readTree("{\"optinFlow\":\"" + OPTIN + "\",\"newContactFlow\":null,"
                + "\"globals\":{\"helpline\":\"1800 11 2233\",\"org\":\"Asha\"}}"), put.json());
        TestServer.Reply patched = server.patch("/api/v1/settings", "{\"globals\":{\"org\":\"Asha Trust\"}}");
        assertEquals(200, patched.status(), patched::toString);
        assertEquals(new OrgSettings(OPTIN, null, java.util.Map.of("org", "Asha Trust")), server.fakes.settings);
        TestServer.Reply both = server.patch("/api/v1/settings", "{\"newContactFlow\":\"" + OPTIN + "\",\"globals\":null}");
        assertEquals(200, both.status(), both::toString);
        assertEquals(new OrgSettings(OPTIN, OPTIN), server.fakes.settings);
        TestServer.Reply notText = server.patch("/api/v1/settings", "{\"globals\":{\"n\":[1]}}");
        assertEquals(400, notText.status(), notText::toString);
        assertTrue(notText.json().path("field").asText().startsWith("globals"), notText::toString);
        assertEquals(new OrgSettings(OPTIN, OPTIN), server.fakes.settings);
    }
}
