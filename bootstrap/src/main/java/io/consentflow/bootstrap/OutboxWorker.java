package io.consentflow.bootstrap;

import io.consentflow.application.port.in.DispatchOutboxUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Delivers the outbox in the background: batch after batch while there is work, a short nap when there is none.
 * Stopping lets the current batch finish, so nothing is left half-recorded (and a lease covers a crash).
 */
final class OutboxWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int BATCH = 50;

    private final DispatchOutboxUseCase dispatcher;
    private final Duration idle;
    private final Thread thread;
    private volatile boolean running = true;

    OutboxWorker(DispatchOutboxUseCase dispatcher, Duration idle) {
        this.dispatcher = dispatcher;
        this.idle = idle;
        this.thread = new Thread(this::loop, "consentflow-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                if (dispatcher.dispatchOnce(BATCH) == 0) nap(idle);
            } catch (RuntimeException e) {
                // e.g. the database is down: try again, but not in a tight loop
                LOG.warn("outbox dispatch failed: {}", e.toString());
                nap(Duration.ofSeconds(1));
            }
        }
    }

    private void nap(Duration howLong) {
        try {
            Thread.sleep(howLong.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
