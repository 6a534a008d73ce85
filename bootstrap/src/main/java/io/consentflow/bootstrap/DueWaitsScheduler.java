package io.consentflow.bootstrap;

import io.consentflow.application.port.in.FireDueWaitsUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires due wait timeouts every {@code interval}. Safe with several instances: the use case locks each contact
 * and re-checks what is due, so each timeout fires once.
 */
final class DueWaitsScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DueWaitsScheduler.class);
    private static final int BATCH = 200;

    private final FireDueWaitsUseCase useCase;
    private final ScheduledExecutorService executor;

    DueWaitsScheduler(FireDueWaitsUseCase useCase, Duration interval) {
        this.useCase = useCase;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "consentflow-due-waits");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            int fired;
            do {
                fired = useCase.fireDue(BATCH);
                if (fired > 0) LOG.info("fired {} due waits", fired);
            } while (fired == BATCH && !executor.isShutdown());
        } catch (RuntimeException e) {
            // The next tick tries again (e.g. after a database outage).
            LOG.warn("firing due waits failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
