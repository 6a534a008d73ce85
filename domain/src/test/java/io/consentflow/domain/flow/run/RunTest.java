package io.consentflow.domain.flow.run;

import io.consentflow.domain.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunTest {
    private static final Instant T = Fixtures.NOW;

    @Test
    void resultKeysAreSnakeCase() {
        assertEquals("favourite_colour", RunResult.key(" Favourite  Colour! "));
        assertEquals("opt_in", RunResult.key("Opt-In"));
        assertEquals("नाम", RunResult.key("नाम"));
    }

    @Test
    void aWaitingRunStopsWaitingWhenResumedOrEnded() {
        Run r = Run.start(UUID.randomUUID(), "f", Fixtures.PHONE, null, T);
        assertFalse(r.waiting());
        r.waitAt("n", T, T.plusSeconds(300), T.plusSeconds(3600));
        assertTrue(r.waiting());
        r.resumed(T.plusSeconds(1));
        assertFalse(r.waiting());
        assertNull(r.timeoutAt());
        r.end(RunStatus.COMPLETED, null, T.plusSeconds(2));
        assertTrue(r.ended());
        assertNull(r.expiresAt());
    }

    @Test
    void anEndedRunCannotEndAgainNorWaitResumeOrMove() {
        Run r = Run.start(UUID.randomUUID(), "f", Fixtures.PHONE, null, T);
        r.end(RunStatus.FAILED, EndReason.Because.LOOP_DETECTED, T);

        refused("end interrupted", () -> r.end(RunStatus.INTERRUPTED, null, T.plusSeconds(5)), r);
        refused("wait", () -> r.waitAt("n", T, null, T.plusSeconds(60)), r);
        refused("resume", () -> r.resumed(T), r);
        refused("move to a node", () -> r.at("n", T), r);
        refused("suspend", () -> r.suspendFor("n", T, T.plusSeconds(60)), r);
        refused("reactivate", () -> r.reactivate(T), r);
        refused("save a result", () -> r.saveResult(new RunResult("a", "b", null, "b", "n", T)), r);
        refused("record the opt-in", () -> r.optinRecorded(T), r);

        assertEquals(RunStatus.FAILED, r.status(), "the first ending stays");
        assertEquals(Optional.of(EndReason.Because.LOOP_DETECTED), r.endReason());
        assertEquals(T, r.endedAt());
        IllegalArgumentException notAnEnding = assertThrows(IllegalArgumentException.class,
                () -> Run.start(UUID.randomUUID(), "f", Fixtures.PHONE, null, T).end(RunStatus.ACTIVE, null, T));
        assertEquals("not an ending: ACTIVE", notAnEnding.getMessage());
    }

    @Test
    void onlyAWaitingRunResumesAndOnlyASuspendedOneReactivates() {
        Run r = Run.start(UUID.randomUUID(), "f", Fixtures.PHONE, null, T);
        refused("resume", () -> r.resumed(T), r);
        refused("reactivate", () -> r.reactivate(T), r);
        r.suspendFor("enter", T, T.plusSeconds(60));
        refused("wait", () -> r.waitAt("n", T, null, T.plusSeconds(60)), r);
        refused("resume", () -> r.resumed(T), r);
        r.reactivate(T.plusSeconds(1));
        assertEquals(RunStatus.ACTIVE, r.status());
    }

    private static void refused(String transition, Executable call, Run run) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call, transition);
        assertTrue(e.getMessage().contains("run " + run.id()), e.getMessage());
        assertTrue(e.getMessage().endsWith("cannot " + transition), e.getMessage());
    }

    @Test
    void endReasonsReadBackAsTheyWereWritten() {
        List<EndReason> typed = List.of(EndReason.Because.LOOP_DETECTED, EndReason.Because.FLOW_DEACTIVATED,
                EndReason.Because.FLOW_DELETED, new EndReason.MissingChildFlow("f-1"), new EndReason.MissingNode("n-1"));
        for (EndReason reason : typed) assertEquals(reason, EndReason.fromWire(reason.wire()));
        assertEquals(List.of("loop_detected", "flow_deactivated", "flow_deleted", "missing child flow f-1",
                "missing node n-1"), typed.stream().map(EndReason::wire).toList(), "the stored words do not change");
        assertEquals("contact_opted_out", new EndReason.SendRefused("contact_opted_out").wire());
        assertEquals(new EndReason.Recorded("step_limit"), EndReason.fromWire("step_limit"));
        assertNull(EndReason.fromWire(null));
    }

    @Test
    void resultsAreKeptByKey() {
        Run r = Run.start(UUID.randomUUID(), "f", Fixtures.PHONE, null, T);
        r.saveResult(new RunResult("Age Group", "18", "Young", "18", "n", T));
        r.saveResult(new RunResult("age group", "40", "Older", "40", "n", T.plusSeconds(1)));
        assertEquals(1, r.results().size());
        assertEquals("40", r.results().get("age_group").value());
        assertEquals(T.plusSeconds(1), r.updatedAt());
    }
}
