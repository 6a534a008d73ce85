package io.consentflow.adapter.persistence;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two transactions on one contact: the first takes its lock and holds it; the second must be seen waiting on a lock
 * in PostgreSQL itself (no sleeps), and runs once the first has committed.
 */
final class LockRace {
    static final Duration WAIT = Duration.ofSeconds(20);

    private LockRace() {
    }

    /**
     * @param first  runs its transaction and calls the given {@code hold} once it holds the lock; {@code hold}
     *               returns when the second is seen waiting
     * @param second the waiting transaction
     * @return what the second transaction returned
     */
    static <T> T secondWaitsForFirst(TestDatabase db, Consumer<Runnable> first, Callable<T> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstHolds = new CountDownLatch(1);
            CountDownLatch releaseFirst = new CountDownLatch(1);
            Future<?> firstDone = pool.submit(() -> first.accept(() -> {
                firstHolds.countDown();
                await(releaseFirst);
            }));
            assertTrue(firstHolds.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the first transaction took the lock");
            Future<T> secondDone = pool.submit(second);
            db.awaitLockWaiters(1, WAIT);
            assertFalse(secondDone.isDone(), "the second transaction must wait for the first");
            releaseFirst.countDown();
            firstDone.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return secondDone.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) throw new IllegalStateException("latch timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
