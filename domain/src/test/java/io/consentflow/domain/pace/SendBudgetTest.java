package io.consentflow.domain.pace;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pace's arithmetic on a fixed clock: every instant below is written out, none is read. */
class SendBudgetTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    /** 1/64 s: 15,625 microseconds, exact in binary, so the credited sums are exact. */
    private static final double STEP = 1.0 / 64;

    private static Instant at(double seconds) {
        return T0.plusNanos(Math.round(seconds * 1_000_000_000L));
    }

    @Test
    void anUnusedBudgetHoldsOneBurstAndNoMore() {
        SendBudget.Taken first = SendBudget.unused(80).take(1_000, T0);
        assertEquals(80, first.granted(), "one second of the pace at once");
        assertEquals(0, first.budget().take(1_000, T0).granted(), "nothing more at the same instant");
    }

    @Test
    void broadcastWorkGetsThePaceOverAWindowWithinOneBurst() {
        SendBudget b = SendBudget.unused(80).take(1_000, T0).budget();
        int granted = 0;
        // a sender asking every 1/64 s for 10 s (steps a double holds exactly: the sums below are exact)
        for (int i = 1; i <= 640; i++) {
            SendBudget.Taken t = b.take(1_000, at(i * STEP));
            granted += t.granted();
            b = t.budget();
        }
        assertEquals(800, granted, "80 a second for 10 s after the first burst");
    }

    @Test
    void takeGivesWholeMessagesOnlyAndKeepsTheFraction() {
        SendBudget b = SendBudget.unused(80).take(80, T0).budget();
        SendBudget.Taken t = b.take(10, at(0.030)); // 2.4 messages' worth
        assertEquals(2, t.granted());
        assertEquals(0.4, t.budget().tokens(), 1e-9);
        SendBudget.Taken next = t.budget().take(10, at(0.060));
        assertEquals(2, next.granted(), "the kept 0.4 and 2.4 more: 2.8");
        assertEquals(0.8, next.budget().tokens(), 1e-9);
    }

    @Test
    void aPaceOfAThousandHoldsAThousandASecond() {
        SendBudget b = SendBudget.unused(1_000);
        int granted = 0;
        for (int i = 0; i <= 128; i++) { // 2 s, every 1/64 s
            SendBudget.Taken t = b.take(500, at(i * STEP));
            granted += t.granted();
            b = t.budget();
        }
        assertEquals(1_000 + 2_000, granted, "the burst, then 1,000 a second");
    }

    @Test
    void repliesAreNeverRefusedAndBroadcastTakesOnlyWhatTheyLeft() {
        SendBudget b = SendBudget.unused(80).take(80, T0).budget(); // the burst is gone
        // in the next second, replies spend 40 in batches of 5; the broadcast asks for all it can get as it goes
        int broadcast = 0;
        for (int i = 1; i <= 8; i++) {
            b = b.spend(5, at(i * 0.125 - 0.0625));
            SendBudget.Taken t = b.take(1_000, at(i * 0.125));
            broadcast += t.granted();
            b = t.budget();
        }
        assertEquals(40, broadcast, "80 a second, 40 of them replies");
    }

    @Test
    void repliesBeyondThePaceDriveTheBudgetBelowZeroAndBroadcastWaits() {
        SendBudget b = SendBudget.unused(80).take(80, T0).budget();
        b = b.spend(120, at(0.5)); // 40 refilled, 120 spent: 80 in debt, one burst
        assertEquals(-80, b.tokens(), 1e-9);
        assertEquals(0, b.take(1_000, at(1.0)).granted(), "still 40 in debt after half a second");
        assertEquals(0, b.take(1_000, at(1.49)).granted());
        assertEquals(2, b.take(1_000, at(1.53)).granted(), "the debt paid a second later: then the pace again");
    }

    @Test
    void replyDebtStopsAtOneBurst() {
        SendBudget b = SendBudget.unused(80).take(80, T0).budget().spend(10_000, at(0.1));
        assertEquals(-80, b.tokens(), 1e-9, "a surge older than a second no longer counts against the number");
        assertEquals(80, b.take(1_000, at(2.1)).granted(), "two seconds later the burst is back");
    }

    @Test
    void aSlowDownHalvesThePaceHoldsItThenRecoversGradually() {
        SendBudget b = SendBudget.unused(80).slowDown(T0);
        assertEquals(40, b.pace(T0), 1e-9);
        assertEquals(40, b.pace(at(29.999)), 1e-9, "held for 30 s");
        assertEquals(40, b.pace(at(30)), 1e-9, "recovery starts at the end of the hold");
        assertEquals(60, b.pace(at(45)), 1e-9, "80/60 a second more: 20 in 15 s");
        assertEquals(80, b.pace(at(60)), 1e-9, "back to the full pace 30 s later");
        assertEquals(80, b.pace(at(600)), 1e-9, "never above it");
        assertEquals(0, b.tokens(), 1e-9, "what was held is dropped: it would meet the same limit");
        assertEquals(40, b.burst(at(10)), 1e-9, "the burst shrinks with the pace");
    }

    @Test
    void whileSlowedBroadcastGetsTheSlowerPace() {
        SendBudget b = SendBudget.unused(80).take(80, T0).budget().slowDown(T0);
        int granted = 0;
        for (int i = 1; i <= 640; i++) { // 10 s, every 1/64 s
            SendBudget.Taken t = b.take(1_000, at(i * STEP));
            granted += t.granted();
            b = t.budget();
        }
        assertEquals(400, granted, "40 a second");
    }

    @Test
    void rateLimitsOfOneBatchHalveThePaceOnce() {
        SendBudget b = SendBudget.unused(80);
        for (int call = 0; call < 8; call++) b = b.slowDown(at(call * 0.050));
        assertEquals(40, b.pace(at(1)), 1e-9, "eight 429s within a second are one excess");
        assertEquals(T0.plus(SendBudget.HOLD), b.slowedUntil(), "and the hold is not stretched by them");
        b = b.slowDown(at(1.0));
        assertEquals(20, b.pace(at(1.0)), 1e-9, "a second later the limit is new: halved again");
        assertEquals(at(31), b.slowedUntil());
    }

    @Test
    void aSlowDownDuringRecoveryHalvesTheRecoveredPace() {
        SendBudget b = SendBudget.unused(80).slowDown(T0); // 40 until 30 s
        b = b.slowDown(at(45)); // recovered to 60 by then
        assertEquals(30, b.pace(at(45)), 1e-9);
        assertEquals(at(75), b.slowedUntil());
    }

    @Test
    void thePaceNeverFallsBelowOneASecond() {
        SendBudget b = SendBudget.unused(80);
        for (int i = 0; i < 20; i++) b = b.slowDown(at(i * 2.0));
        assertEquals(SendBudget.FLOOR, b.pace(at(40)), 1e-9);
        assertTrue(b.take(10, at(41)).granted() <= 1, "one message a second, one held at most");
        SendBudget one = SendBudget.unused(1).slowDown(T0);
        assertEquals(1, one.pace(T0), 1e-9, "a pace of 1 stays 1");
    }

    @Test
    void timeOnlyMovesForwards() {
        SendBudget b = SendBudget.unused(80).take(80, at(10)).budget();
        SendBudget.Taken behind = b.take(80, at(9)); // another instance's clock, a second behind
        assertEquals(0, behind.granted(), "a clock behind the budget's refills nothing");
        assertEquals(at(10), behind.budget().asOf());
        assertEquals(40, behind.budget().take(80, at(10.5)).granted(), "credit counts from the latest instant seen");
    }

    @Test
    void instantsAreKeptToTheMicrosecondAsTheDatabaseKeepsThem() {
        SendBudget b = SendBudget.unused(80).take(1, T0.plusNanos(1_999)).budget();
        assertEquals(T0.plusNanos(1_000), b.asOf());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SendBudget.unused(0));
        assertThrows(IllegalArgumentException.class, () -> SendBudget.unused(80).take(-1, T0));
        assertThrows(IllegalArgumentException.class, () -> SendBudget.unused(80).spend(-1, T0));
        assertEquals(Duration.ofSeconds(1), SendBudget.BURST);
    }
}
