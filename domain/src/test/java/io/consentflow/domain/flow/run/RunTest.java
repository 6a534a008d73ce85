package io.consentflow.domain.flow.run;

import io.consentflow.domain.fixtures.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.consentflow.domain.fixtures.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void anEndedRunKeepsItsFirstEnding() {
        Run r = Run.start(UUID.randomUUID(), "f", Fixtures.PHONE, null, T);
        r.end(RunStatus.FAILED, "step_limit", T);
        r.end(RunStatus.INTERRUPTED, null, T.plusSeconds(5));
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("step_limit", r.endReason());
        assertEquals(T, r.endedAt());
        assertRefused(IllegalArgumentException.class, "not an ending: ", () -> r.end(RunStatus.ACTIVE, null, T));
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
