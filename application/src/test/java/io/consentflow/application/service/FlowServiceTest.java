package io.consentflow.application.service;

import io.consentflow.application.port.ImportWarning;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.application.port.in.ManageFlowsUseCase;
import io.consentflow.application.port.in.ManageFlowsUseCase.FlowImport;
import io.consentflow.application.port.in.ManageFlowsUseCase.FlowPatch;
import io.consentflow.application.port.out.FlowDefinitionReader;
import io.consentflow.application.port.out.FlowDefinitionReader.FlowToImport;
import io.consentflow.domain.fixtures.TestFlows;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.flow.run.EndReason;
import io.consentflow.domain.policy.OrgSettings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowServiceTest {
    static final String A = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String B = "bbbbbbbb-0000-4000-8000-000000000002";
    InMemory db = new InMemory();
    /** The flows the next import's text stands for: the real reader is tested in the persistence adapter. */
    List<Entry> importing = List.of();
    /** The "definition" is just the uuid here, "broken" one the reader refuses. */
    FlowDefinitionReader reader = readingAs(uuid -> TestFlows.consentFlow(uuid, "optin"));
    record Entry(String uuid, List<String> keywords, boolean ignoreKeywords) {
    }

    private FlowDefinitionReader readingAs(java.util.function.Function<String, Flow> flowOf) {
        return (json, keywords, ignore) -> importing.stream().map(e -> {
            if (e.uuid().equals("broken")) {
                throw new FlowFormatException(FlowFormatException.Fault.INVALID_FLOW, "nodes[0] (n1).actions[0]",
                        "unknown action type 'x'");
            }
            return new FlowToImport(flowOf.apply(e.uuid()), e.uuid(), e.keywords(), e.ignoreKeywords());
        }).toList();
    }

    /** Imports these flows as one import (one text) through {@code flows}. */
    private ManageFlowsUseCase.ImportResult importFlows(FlowService flows, Entry... entries) {
        importing = List.of(entries);
        return flows.importFlows(new FlowImport("{}", List.of(), false));
    }

    private ManageFlowsUseCase.ImportResult importFlows(Entry... entries) {
        return importFlows(service, entries);
    }

    FlowCatalog catalog = new FlowCatalog(db.flowPort, db.settingsPort);
    FlowService service = new FlowService(db.tx, db.flowPort, db.runPort, reader, catalog,
            Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void importsAndReplacesByUuid() {
        importFlows(new Entry(A, List.of("Join"), false));
        importFlows(new Entry(A, List.of("Enter"), true));
        assertEquals(1, db.flows.size());
        Flow f = db.flows.get(A).flow();
        assertEquals("enter", f.keywords().get(0).value());
        assertTrue(f.ignoreKeywords());
    }

    @Test
    void aKeywordAnotherActiveFlowHasIsRefusedNamingBoth() {
        importFlows(new Entry(A, List.of("stop"), false));
        InvalidFlowException e = assertThrows(InvalidFlowException.class,
                () -> importFlows(new Entry(B, List.of("STOP!"), false)));
        assertTrue(e.getMessage().contains(A) && e.getMessage().contains(B), e.getMessage());
        assertEquals(1, db.flows.size(), "nothing stored from a refused import");
    }

    @Test
    void aRefusedImportStoresNothingOfTheBatch() {
        FlowFormatException broken = assertThrows(FlowFormatException.class, () -> importFlows(
                new Entry(A, List.of("a"), false), new Entry("broken", List.of("b"), false)));
        assertEquals("nodes[0] (n1).actions[0]", broken.where());
        assertTrue(db.flows.isEmpty());
        InvalidFlowException e = assertThrows(InvalidFlowException.class, () -> importFlows(
                new Entry(A, List.of("a"), false), new Entry(B, List.of("a"), false)));
        assertEquals("flows[1].keywords", e.where());
        assertTrue(db.flows.isEmpty());
    }

    @Test
    void aKeywordThatNormalisesToNothingIsRefused() {
        InvalidFlowException e = assertThrows(InvalidFlowException.class,
                () -> importFlows(new Entry(A, List.of("ok", "👍!"), false)));
        assertEquals("keywords[1]", e.where());
    }

    @Test
    void patchChangesTriggersAndChecksConflicts() {
        importFlows(new Entry(A, List.of("a"), false));
        importFlows(new Entry(B, List.of("b"), false));
        assertThrows(InvalidFlowException.class, () -> service.update(B, new FlowPatch(List.of("a"), null, null)));
        service.update(A, new FlowPatch(null, null, false));
        assertEquals("a", service.update(B, new FlowPatch(List.of("a"), null, null)).orElseThrow()
                .flow().keywords().get(0).value(), "an inactive flow's keyword is free");
        assertTrue(service.update("cccccccc-0000-4000-8000-000000000003", new FlowPatch(null, true, null)).isEmpty());
    }

    @Test
    void settingsNameExistingFlows() {
        SettingsService settings = new SettingsService(db.tx, db.settingsPort, db.flowPort, catalog);
        InvalidFlowException e = assertThrows(InvalidFlowException.class,
                () -> settings.update(new OrgSettings(A, null)));
        assertEquals("optinFlow", e.where());
        importFlows(new Entry(A, List.of("a"), false));
        long v = db.version;
        settings.update(new OrgSettings(null, A));
        assertEquals(A, settings.settings().newContactFlow());
        assertTrue(db.version > v, "a settings change moves the catalogue version");
    }

    @Test
    void catalogRolesFallBackToTheOptinKeyword() {
        importFlows(new Entry(A, List.of("optin"), false),
                new Entry(B, List.of("optout", "stop"), false));
        FlowCatalog.Snapshot s = catalog.current();
        assertEquals(A, s.roles().optin().orElseThrow().uuid());
        assertEquals(B, s.roles().optout().orElseThrow().uuid());
        assertTrue(s.roles().newContact().isEmpty());
        assertEquals(B, s.keywords().match(" Stop ").orElseThrow().uuid());
        db.settings = new OrgSettings(B, A);
        db.version++;
        FlowCatalog.Snapshot t = catalog.current();
        assertEquals(B, t.roles().optin().orElseThrow().uuid(), "the setting wins over the keyword");
        assertEquals(A, t.roles().newContact().orElseThrow().uuid());
    }

    @Test
    void changesFromOtherInstancesAreSeenWithinTheMaxAge() {
        MovingClock clock = new MovingClock();
        FlowCatalog cached = new FlowCatalog(db.flowPort, db.settingsPort, java.time.Duration.ofSeconds(1), clock);
        importFlows(new Entry(A, List.of("a"), false));
        assertEquals(1, cached.current().flows().size());
        // another instance imports B: the store's version moves, this instance's cache does not know yet
        db.flows.put(B, new io.consentflow.domain.flow.StoredFlow(TestFlows.consentFlow(B, "optin", "b"), "{}",
                clock.now));
        db.version++;
        assertEquals(1, cached.current().flows().size(), "within the max age: no query");
        clock.now = clock.now.plusSeconds(1);
        assertEquals(2, cached.current().flows().size(), "after it: reloaded");
        db.flows.remove(B);
        db.version++;
        cached.invalidate();
        assertEquals(1, cached.current().flows().size(), "this instance's own changes: at once");
    }

    @Test
    void editingAnUnknownFlowChangesNothingNotEvenTheVersion() {
        long v = db.version;
        assertTrue(service.update(A, new FlowPatch(null, false, null)).isEmpty());
        assertEquals(false, service.delete(A));
        assertEquals(v, db.version);
    }

    // ---- switching a flow off ends its runs -------------------------------------------------------------------

    private InboundMessageService inbound() {
        return new InboundMessageService(db.conversations, catalog,
                new io.consentflow.domain.policy.InboundPolicy(), new EngineFactory(
                new io.consentflow.domain.policy.SendPolicy(), java.util.UUID::randomUUID, new java.util.SplittableRandom(1)),
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC), java.util.UUID::randomUUID,
                io.consentflow.application.port.out.Telemetry.NONE);
    }

    private static io.consentflow.domain.message.InboundMessage text(String id, String text) {
        return new io.consentflow.domain.message.InboundMessage("gupshup", id, PHONE, "Asha",
                io.consentflow.domain.message.MessageType.TEXT, text, Instant.parse("2026-11-25T10:00:00Z"));
    }

    private static final io.consentflow.domain.contact.Phone PHONE =
            io.consentflow.domain.contact.Phone.parse("919812345678");

    private long outbound() {
        return db.messages.stream().filter(m -> m.direction() == io.consentflow.domain.message.Direction.OUTBOUND)
                .count();
    }

    @Test
    void deactivatingAFlowEndsItsWaitingRunsInTheSameTransactionAndNothingMoreIsSent() {
        importFlows(new Entry(A, List.of("join"), false));
        InboundMessageService inbound = inbound();
        inbound.receive(text("m1", "join"));
        assertEquals(1, outbound());
        int before = db.transactions;

        service.update(A, new FlowPatch(null, null, false));
        assertEquals(before + 1, db.transactions, "one transaction with the flow change");
        var run = db.runs.values().iterator().next();
        assertEquals(io.consentflow.domain.flow.run.RunStatus.INTERRUPTED, run.status());
        assertEquals("flow_deactivated", run.endReason().map(EndReason::wire).orElseThrow());
        assertTrue(db.runPort.withDueRuns(Instant.parse("2026-12-31T00:00:00Z"), 10).isEmpty());

        inbound.receive(text("m2", "yes"));
        assertEquals(1, outbound(), "the reply resumes nothing");
    }

    @Test
    void deletingAFlowEndsItsWaitingRuns() {
        importFlows(new Entry(A, List.of("join"), false));
        inbound().receive(text("m1", "join"));
        assertTrue(service.delete(A));
        var run = db.runs.values().iterator().next();
        assertEquals(io.consentflow.domain.flow.run.RunStatus.INTERRUPTED, run.status());
        assertEquals("flow_deleted", run.endReason().map(EndReason::wire).orElseThrow());
    }

    @Test
    void changingOnlyTheKeywordsOfAnActiveFlowLeavesItsRunsAlone() {
        importFlows(new Entry(A, List.of("join"), false));
        inbound().receive(text("m1", "join"));
        service.update(A, new FlowPatch(List.of("enter"), null, null));
        assertTrue(db.runs.values().iterator().next().waiting());
    }

    // ---- only a real opt-in flow --------------------------------------------------------------------------------

    @Test
    void theOptinFlowSettingRefusesAFlowWithoutTheOptinAction() {
        db.flows.put(B, new io.consentflow.domain.flow.StoredFlow(TestFlows.promo(B, "promo"), "{}",
                Instant.EPOCH));
        SettingsService settings = new SettingsService(db.tx, db.settingsPort, db.flowPort, catalog);
        InvalidFlowException e = assertThrows(InvalidFlowException.class,
                () -> settings.update(new OrgSettings(B, null)));
        assertEquals("optinFlow", e.where());
        assertTrue(e.getMessage().contains("opt-in action"), e.getMessage());
        assertEquals(OrgSettings.NONE, settings.settings(), "nothing changed");
        // as the new-contact flow it is fine
        settings.update(new OrgSettings(null, B));
        assertEquals(B, settings.settings().newContactFlow());
    }

    @Test
    void importingAFlowKeyedOptinWithoutTheActionSucceedsWithAWarningAndIsNotTheOptinFlow() {
        FlowService promos = new FlowService(db.tx, db.flowPort, db.runPort,
                readingAs(TestFlows::promo), catalog, Clock.systemUTC());
        ManageFlowsUseCase.ImportResult stored = importFlows(promos, new Entry(A, List.of("optin"), false));
        List<ImportWarning> warnings = stored.flows().get(0).warnings();
        assertEquals(1, warnings.size());
        String detail = warnings.get(0).detail();
        assertTrue(detail.contains(A) && detail.contains("not the opt-in flow"), detail);
        assertEquals("keywords", warnings.get(0).path());
        assertTrue(catalog.current().roles().optin().isEmpty());
        assertTrue(importFlows(new Entry(B, List.of("optin2"), false)).flows().get(0).warnings().isEmpty());
    }
}
