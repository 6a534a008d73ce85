package io.consentflow.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.application.port.out.SendPace;
import io.consentflow.domain.pace.SendBudget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared budget on PostgreSQL, driven by two instances: two pools and two adapters on one database, as two
 * service instances would be. Every instant is given (a fixed or stepped clock), none is read.
 */
class SendPaceTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static HikariDataSource secondPool;
    private static JdbiSendPace one;
    private static JdbiSendPace two;

    @BeforeAll
    static void start() {
        one = (JdbiSendPace) new PersistenceAdapter(db.dataSource()).sendPace(80);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(4);
        config.setPoolName("second-instance");
        secondPool = new HikariDataSource(config);
        two = (JdbiSendPace) new PersistenceAdapter(secondPool).sendPace(80);
    }

    @AfterAll
    static void stop() {
        secondPool.close();
    }

    @BeforeEach
    void unused() {
        db.execute("UPDATE send_pace SET tokens = 0, as_of = '1970-01-01T00:00:00Z', slowed_to = 0, slowed_until = NULL");
    }

    private static Instant at(long micros) {
        return T0.plusNanos(micros * 1_000);
    }

    /** The statement is SendBudget's arithmetic: the same script gives the same grants and the same stored budget. */
    @Test
    void theStatementsComputeWhatTheDomainComputes() {
        SendBudget expected = SendBudget.unused(80);
        // take, spend, slow down, at instants that do not fall on round numbers, across a slow down's hold,
        // its recovery and a second slow down; the two instances take turns
        long[] steps = {0, 7_001, 13_337, 250_000, 999_999, 1_000_003, 1_500_017, 2_000_000, 2_000_500, 3_141_593,
                31_000_000, 31_250_111, 45_000_000, 45_333_333, 61_000_007, 62_000_000, 95_123_457, 200_000_000};
        for (int i = 0; i < steps.length; i++) {
            Instant t = at(steps[i]);
            JdbiSendPace instance = i % 2 == 0 ? one : two;
            switch (i % 5) {
                case 0, 3 -> {
                    SendBudget.Taken taken = expected.take(1_000, t);
                    assertEquals(taken.granted(), instance.take(1_000, t), "take at step " + i);
                    expected = taken.budget();
                }
                case 1 -> {
                    expected = expected.spend(37, t);
                    instance.spent(37, t);
                }
                case 2 -> {
                    expected = i == 2 || i == 12 ? expected.slowDown(t) : expected.spend(3, t);
                    if (i == 2 || i == 12) instance.slowDown(t);
                    else instance.spent(3, t);
                }
                default -> {
                    SendBudget.Taken taken = expected.take(5, t);
                    assertEquals(taken.granted(), instance.take(5, t), "take of 5 at step " + i);
                    expected = taken.budget();
                }
            }
            assertEquals(expected, one.budget(), "the stored budget after step " + i);
        }
    }

    @Test
    void repliesNeverWaitAndBroadcastTakesWhatIsLeftAcrossInstances() {
        assertEquals(80, one.take(1_000, at(0)), "a full burst");
        two.spent(40, at(500_000));  // replies of instance two: 40 refilled, 40 spent
        assertEquals(0, one.take(1_000, at(500_000)), "nothing left for the broadcast");
        two.spent(200, at(600_000)); // beyond the pace: counted, never refused; 80 in debt
        assertEquals(-80, two.budget().tokens(), 1e-9);
        assertEquals(0, one.take(1_000, at(1_600_000)), "the debt is paid first");
        assertEquals(8, one.take(1_000, at(1_700_000)));
    }

    @Test
    void aSlowDownSeenByOneInstanceSlowsTheOther() {
        assertEquals(80, one.take(1_000, at(0)));
        two.slowDown(at(0));
        two.slowDown(at(100_000)); // the same excess
        assertEquals(40, one.take(1_000, at(1_000_000)), "half the pace, for every instance");
        assertEquals(40, one.budget().pace(at(29_000_000)), 1e-9);
        assertEquals(60, one.budget().pace(at(45_000_000)), 1e-9, "recovering after the hold");
    }

    @Test
    void aMissingRowIsMadeAgain() {
        db.execute("DELETE FROM send_pace");
        assertEquals(80, two.take(1_000, at(0)));
        assertEquals(1, db.queryInt("SELECT count(*) FROM send_pace"));
    }

    /**
     * Two instances, four threads each, taking as fast as they can on a shared stepped clock (each call 5 ms
     * after the one before, whatever thread makes it, so calls reach the row out of their clock's order): together
     * they never get more than one burst plus the pace over the time the clock covered, and they get nearly all
     * of it (no grant lost to a race, none given twice).
     */
    @Test
    void twoInstancesTogetherHoldThePace() throws Exception {
        AtomicLong clock = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<long[]>> calls = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                SendPace instance = thread % 2 == 0 ? one : two;
                calls.add(threads.submit(() -> {
                    long granted = 0;
                    long last = 0;
                    for (int call = 0; call < 250; call++) {
                        last = clock.addAndGet(5_000);
                        granted += instance.take(10, at(last));
                    }
                    return new long[]{granted, last};
                }));
            }
            long[] byInstance = new long[2];
            long last = 0;
            for (int thread = 0; thread < calls.size(); thread++) {
                long[] r = calls.get(thread).get();
                byInstance[thread % 2] += r[0];
                last = Math.max(last, r[1]);
            }
            double seconds = (last - 5_000) / 1e6;  // from the first call's instant to the last's
            long total = byInstance[0] + byInstance[1];
            double most = 80 + 80 * seconds;
            assertEquals(9.995, seconds, 1e-9, "2,000 calls 5 ms apart");
            assertTrue(total <= most, total + " granted, at most " + most);
            assertTrue(total >= most - 10, total + " granted, nearly " + most);
            assertTrue(byInstance[0] > 0 && byInstance[1] > 0, "both instances drew on the budget");
        } finally {
            threads.shutdownNow();
        }
    }
}
