package io.consentflow.bootstrap.embedding;

import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.adapter.persistence.TestDatabase;
import io.consentflow.application.port.in.ContactView;
import io.consentflow.bootstrap.Consentflow;
import io.consentflow.bootstrap.DataSources;
import io.consentflow.bootstrap.InboundProvider;
import io.consentflow.bootstrap.Provider;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.policy.OrgSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a host calls in-process: a text in, a contact out as values, one setting at a time, builder errors by name. */
class ApiTest {
    static TestDatabase db;
    static HikariDataSource pool;
    static Consentflow engine;

    @BeforeAll
    static void start() {
        db = TestDatabase.empty();
        pool = DataSources.pool(db.url(), db.user(), db.password(), 4);
        engine = Consentflow.builder(pool).build();
    }

    @AfterAll
    static void stop() {
        engine.close();
        pool.close();
        db.close();
    }

    @Test
    void aTextInAndTheContactOutAsValues() {
        var first = engine.receiveText("+919800000401", "hello", "wamid.1");
        assertFalse(first.duplicate());
        assertTrue(engine.receiveText("919800000401", "hello", "wamid.1").duplicate());
        // another provider's id space
        assertFalse(engine.receiveText(InboundProvider.META, "919800000401", "hello", "wamid.1").duplicate());

        ContactView contact = engine.contact("+919800000401").orElseThrow();
        assertEquals("919800000401", contact.phone().digits());
        assertEquals(ConsentState.UNKNOWN, contact.consent().state());
        assertTrue(contact.lastInboundAt() != null);
        assertThrows(UnsupportedOperationException.class, () -> contact.fields().put("x", "y"));
        assertTrue(engine.contact("+919800000499").isEmpty());
    }

    @Test
    void settingsChangeOneAtATime() throws IOException {
        String export;
        try (InputStream in = ApiTest.class.getResourceAsStream("/fixtures/consent-flows.json")) {
            export = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var imported = engine.importGlificExport(export).flows().stream().map(f -> f.stored().flow()).toList();
        String optin = imported.stream().filter(f -> f.recordsOptin()).findFirst().orElseThrow().uuid();
        String other = imported.stream().filter(f -> !f.recordsOptin()).findFirst().orElseThrow().uuid();

        assertEquals(new OrgSettings(null, other), engine.manageSettings().setNewContactFlow(other));
        assertEquals(new OrgSettings(optin, other), engine.manageSettings().setOptinFlow(optin));
        assertEquals(new OrgSettings(optin, null), engine.manageSettings().setNewContactFlow(null));
        InvalidFlowException refused = assertThrows(InvalidFlowException.class,
                () -> engine.manageSettings().setOptinFlow(other));
        assertEquals("optinFlow", refused.where());
        assertEquals(new OrgSettings(optin, null), engine.manageSettings().settings());
    }

    @Test
    void builderErrorsNameTheOption() {
        assertMessage("sendConcurrency", () -> Consentflow.builder(pool).sendConcurrency(0));
        assertMessage("sendRate", () -> Consentflow.builder(pool).sendRate(0));
        assertMessage("maxBodyBytes", () -> Consentflow.builder(pool).maxBodyBytes(0));
        assertMessage("schedulerInterval", () -> Consentflow.builder(pool).schedulerInterval(Duration.ZERO));
        assertMessage("outboxIdle", () -> Consentflow.builder(pool).outboxIdle(Duration.ofMillis(-1)));
        assertMessage("schema", () -> Consentflow.builder(pool).schema("no such"));
        assertMessage("provider", () -> Consentflow.builder(pool).provider(
                Provider.meta("token", "123").withTimeout(Duration.ofMinutes(1))));
        assertMessage("provider", () -> Provider.gupshup("", "917834811114", "Bot"));
        assertMessage("clock", () -> Consentflow.builder(pool).clock(null));
        assertMessage("dataSource", () -> Consentflow.builder(null));
    }

    private static void assertMessage(String option, org.junit.jupiter.api.function.Executable call) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e.getMessage() != null && e.getMessage().startsWith(option), option + ": " + e.getMessage());
    }
}
