package io.consentflow.bootstrap;

import io.consentflow.application.port.in.DeliverOutreachUseCase;
import io.consentflow.application.port.in.FireDueWaitsUseCase;
import io.consentflow.application.port.in.FoldCountsUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires due wait timeouts every {@code interval}, then applies the broadcasts and flow starts flows queued for
 * other contacts, then folds the dashboard's recorded changes into its counts. Safe with several instances: the use
 * cases lock each contact and re-check what is due (a timeout fires once, a recipient gets its work once), and one
 * fold runs at a time.
 */
final class DueWaitsScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DueWaitsScheduler.class);
    private static final int BATCH = 200;

    private final FireDueWaitsUseCase useCase;
    private final DeliverOutreachUseCase outreach;
    private final FoldCountsUseCase counts;
    private final ScheduledExecutorService executor;

    DueWaitsScheduler(FireDueWaitsUseCase useCase, DeliverOutreachUseCase outreach, FoldCountsUseCase counts,
                      Duration interval) {
        this.useCase = useCase;
        this.outreach = outreach;
        this.counts = counts;
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
        try {
            int done;
            do {
                done = outreach.deliverDue(BATCH);
                if (done > 0) LOG.info("applied queued outreach to {} recipients", done);
            } while (done == BATCH && !executor.isShutdown());
        } catch (RuntimeException e) {
            LOG.warn("applying queued outreach failed: {}", e.toString());
        }
        try {
            counts.foldCounts();
        } catch (RuntimeException e) {
            LOG.warn("folding the dashboard's counts failed: {}", e.toString());
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
