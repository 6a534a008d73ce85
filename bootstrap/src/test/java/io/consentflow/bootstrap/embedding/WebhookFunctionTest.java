package io.consentflow.bootstrap.embedding;

import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.adapter.persistence.TestDatabase;
import io.consentflow.application.port.in.ManageFlowsUseCase;
import io.consentflow.bootstrap.Consentflow;
import io.consentflow.bootstrap.DataSources;
import io.consentflow.bootstrap.support.ServiceFixture;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Glific's FUNCTION webhooks in an embedding host: a function registered on the builder by name gets the rendered
 * body and its answer routes Success; a name nobody registered routes Failure. The host runs the calls itself
 * ({@code callWebhooks()}), without the engine's scheduler.
 */
class WebhookFunctionTest {
    static final String FLOW = "6d0e1f2a-0000-4b5c-8d9e-0000000000f1";
    static final String MISSING = "6d0e1f2a-0000-4b5c-8d9e-0000000000f2";
    static final Map<String, Object> given = new ConcurrentHashMap<>();
    static TestDatabase db;
    static HikariDataSource pool;
    static Consentflow engine;
    static List<String> registeredWarnings;
    static List<String> missingWarnings;

    @BeforeAll
    static void start() {
        db = TestDatabase.empty();
        pool = DataSources.pool(db.url(), db.user(), db.password(), 4);
        engine = Consentflow.builder(pool)
                .webhookFunction("lookup_plan", body -> {
                    given.putAll(body);
                    return Map.of("plan", Map.of("name", "Gold", "minutes", 300));
                })
                .build();
        registeredWarnings = warnings(engine.importDefinition(flow(FLOW, "lookup_plan"), List.of("plan"), false));
        missingWarnings = warnings(engine.importDefinition(flow(MISSING, "nobody_registered_this"), List.of("other"),
                false));
    }

    static List<String> warnings(ManageFlowsUseCase.ImportResult result) {
        return result.flows().get(0).warnings().stream().map(w -> w.path() + ": " + w.detail()).toList();
    }

    static String flow(String uuid, String function) {
        return ServiceFixture.resource("/fixtures/webhook-flow.json").replace("{{FLOW}}", uuid)
                .replace("{{METHOD}}", "FUNCTION").replace("{{URL}}", function).replace("{{RESULT_DELAY}}", "600");
    }

    @AfterAll
    static void stop() {
        engine.close();
        pool.close();
        db.close();
    }

    static List<String> outbound(String phone) {
        return engine.viewContacts().messages(Phone.parse(phone)).orElseThrow().stream()
                .filter(m -> m.direction() == Direction.OUTBOUND).map(Message::text).toList();
    }

    @Test
    void aRegisteredFunctionAnswersTheFlow() {
        engine.receiveText("+919800000701", "plan", "wamid.f1");
        assertEquals(List.of("Checking your plan"), outbound("919800000701"), "the call waits for the worker");
        assertEquals(1, engine.callWebhooks().callOnce(10));
        assertEquals(Map.of("phone", "919800000701", "name", ""), given);
        assertEquals(List.of("Checking your plan", "Your plan: Gold, 300 minutes"), outbound("919800000701"));
        assertEquals(0, engine.callWebhooks().callOnce(10), "made once");
    }

    @Test
    void aNameNobodyRegisteredIsFailure_andTheImportCanAskAboutIt() {
        assertTrue(engine.webhookFunctions().registered("lookup_plan"));
        assertFalse(engine.webhookFunctions().registered("nobody_registered_this"));
        assertEquals(List.of(), registeredWarnings.stream().filter(w -> w.contains("function")).toList());
        assertEquals(1, missingWarnings.stream().filter(w -> w.contains(".url: no function named "
                + "'nobody_registered_this' is registered")).count(), missingWarnings.toString());
        engine.receiveText("+919800000702", "other", "wamid.f2");
        engine.callWebhooks().callOnce(10);
        assertEquals(List.of("Checking your plan", "Lookup failed (no_function)"), outbound("919800000702"));
    }

    @Test
    void aCallQueuedBeforeAStopIsMadeByTheNextEngine() {
        engine.receiveText("+919800000703", "plan", "wamid.f3");
        // the engine stops (or dies) between the commit and the call: the call is in the queue
        try (Consentflow restarted = Consentflow.builder(pool).webhookFunction("lookup_plan",
                body -> Map.of("plan", Map.of("name", "Silver", "minutes", 60))).build()) {
            assertEquals(1, restarted.callWebhooks().callOnce(10));
        }
        assertEquals(List.of("Checking your plan", "Your plan: Silver, 60 minutes"), outbound("919800000703"));
        assertEquals(0, engine.callWebhooks().callOnce(10), "done: the first engine does not make it again");
    }
}
