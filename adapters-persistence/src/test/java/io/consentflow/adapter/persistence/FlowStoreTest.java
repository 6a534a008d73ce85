package io.consentflow.adapter.persistence;

import io.consentflow.adapter.persistence.flowformat.FlowFiles;
import io.consentflow.adapter.persistence.flowformat.FlowFormat;
import io.consentflow.application.port.out.FlowStore;
import io.consentflow.application.port.out.SettingsStore;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.application.port.out.TransactionRunner;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.keyword.Keyword;
import io.consentflow.domain.policy.OrgSettings;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.consentflow.adapter.persistence.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowStoreTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static FlowStore flows;
    private static SettingsStore settings;
    private static final FlowFormat reader = new FlowFormat();
    private static TransactionRunner tx;

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        flows = adapter.flows();
        settings = adapter.settings();
        tx = adapter.transactions();
    }

    private static StoredFlow stored(String definition, List<String> keywords, boolean ignore, boolean active) {
        Flow flow = reader.readDefinition(definition, keywords.stream().map(Keyword::of).toList(), ignore, active);
        return new StoredFlow(flow, definition, T0);
    }

    @Test
    void savedFlowsComeBackWithTheirDefinitionTextByteForByte() {
        // odd spacing, key order and escapes must survive: an export returns what was imported
        String definition = "  " + FlowFiles.read("every-action.json").replace("\"name\": \"Clinic reminder\"",
                "\"name\"  :\t\"Clinic reminder \\u00e9 é\"") + "\n\n";
        StoredFlow saved = stored(definition, List.of("Clinic!", "VISIT"), true, true);
        flows.save(saved);

        StoredFlow found = flows.find(saved.flow().uuid()).orElseThrow();
        assertEquals(definition, found.definitionJson());
        assertEquals(T0, found.updatedAt());
        Flow flow = found.flow();
        assertEquals("Clinic reminder é é", flow.name());
        assertEquals(List.of(new Keyword("clinic"), new Keyword("visit")), flow.keywords());
        assertTrue(flow.ignoreKeywords());
        assertTrue(flow.active());
        assertEquals(saved.flow().startNode().uuid(), flow.startNode().uuid());
        // PatternTest holds a java.util.regex.Pattern, which has no equals: compare the printed graphs
        assertEquals(saved.flow().nodes().toString(), flow.nodes().toString());
    }

    @Test
    void saveReplacesByUuidAndAllListsEveryFlow() {
        String twoSteps = FlowFiles.read("no-ui.json");
        StoredFlow first = stored(twoSteps, List.of("steps"), false, true);
        flows.save(first);
        flows.save(new StoredFlow(first.flow().withTriggers(List.of(new Keyword("walk")), true, false), twoSteps,
                null));
        StoredFlow replaced = flows.find(first.flow().uuid()).orElseThrow();
        assertEquals(List.of(new Keyword("walk")), replaced.flow().keywords());
        assertTrue(replaced.flow().ignoreKeywords());
        assertFalse(replaced.flow().active());
        assertTrue(replaced.updatedAt().isAfter(T0), "no time given: the database's now()");

        List<String> uuids = flows.all().stream().map(f -> f.flow().uuid()).toList();
        assertTrue(uuids.contains(first.flow().uuid()));
        assertEquals(uuids.size(), uuids.stream().distinct().count());
    }

    @Test
    void aDefinitionIsParsedOncePerChange() {
        StoredFlow saved = stored(FlowFiles.read("every-action.json").replace("65fd3553-4cd8-4677-b2d1-fe77eb30b3ca",
                "0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a"), List.of(), false, true);
        flows.save(saved);
        Flow once = flows.find(saved.flow().uuid()).orElseThrow().flow();
        Flow twice = flows.find(saved.flow().uuid()).orElseThrow().flow();
        assertNotSame(once, twice);
        assertSame(once.startNode(), twice.startNode(), "the parsed graph is reused");
    }

    @Test
    void deleteRemovesTheFlowOnce() {
        StoredFlow saved = stored(FlowFiles.read("no-ui.json")
                .replaceFirst("\"uuid\": \"[^\"]+\"", "\"uuid\": \"5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d\""),
                List.of(), false, true);
        flows.save(saved);
        assertTrue(flows.delete("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"));
        assertFalse(flows.delete("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"));
        assertFalse(flows.find("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d").isPresent());
        assertFalse(flows.find("not even a uuid").isPresent());
    }

    @Test
    void theVersionChangesWithEveryChange() {
        long v0 = flows.version();
        long locked = tx.inTransaction(flows::lockForChange);
        assertTrue(locked > v0);
        assertEquals(locked, flows.version());
        flows.save(stored(FlowFiles.read("no-ui.json"), List.of(), false, true));
        long afterSave = flows.version();
        assertTrue(afterSave > locked);
        flows.delete("no such flow");
        assertEquals(afterSave, flows.version(), "nothing deleted, nothing changed");
    }

    @Test
    void lockForChangeSerialisesTwoImports() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstLocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Long> first = pool.submit(() -> tx.inTransaction(() -> {
                long v = flows.lockForChange();
                firstLocked.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return v;
            }));
            assertTrue(firstLocked.await(20, TimeUnit.SECONDS));
            Future<Long> second = pool.submit(() -> tx.inTransaction(flows::lockForChange));
            db.awaitLockWaiters(1, Duration.ofSeconds(20));
            assertFalse(second.isDone());
            release.countDown();
            assertEquals(first.get(20, TimeUnit.SECONDS) + 1, second.get(20, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnreadableStoredFlowIsLeftOutNotFatal() {
        Jdbi.create(db.dataSource()).useHandle(h -> h.createUpdate("INSERT INTO flows (uuid, name, definition, "
                + "updated_at) VALUES (:uuid, 'Broken', '{\"nodes\": []}', now())")
                .bind("uuid", "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910").execute());
        assertFalse(flows.find("7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910").isPresent());
        assertTrue(flows.all().stream().noneMatch(f -> f.flow().uuid().equals("7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910")));
        assertTrue(flows.delete("7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910"));
    }

    @Test
    void settingsLoadAndSave() {
        assertEquals(OrgSettings.NONE, settings.load());
        OrgSettings chosen = new OrgSettings("dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f", null);
        settings.save(chosen);
        assertEquals(chosen, settings.load());
        settings.save(new OrgSettings(null, "65fd3553-4cd8-4677-b2d1-fe77eb30b3ca"));
        assertEquals(new OrgSettings(null, "65fd3553-4cd8-4677-b2d1-fe77eb30b3ca"), settings.load());
        OrgSettings withGlobals = new OrgSettings(null, null, java.util.Map.of("helpline", "1800 \"11\" 2233",
                "org_name", "आशा"));
        settings.save(withGlobals);
        assertEquals(withGlobals, settings.load());
        settings.save(OrgSettings.NONE);
        assertEquals(OrgSettings.NONE, settings.load());
    }
}
