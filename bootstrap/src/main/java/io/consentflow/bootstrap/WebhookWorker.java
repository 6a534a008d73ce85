package io.consentflow.bootstrap;

import io.consentflow.application.port.in.CallWebhooksUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Makes the webhook calls paused runs wait for, in the background: batch after batch while calls are queued, a
 * short nap after a partial or empty one. Stopping lets the batch in hand finish (its outcomes resume their runs);
 * a call cut short by a crash is made again once its lease runs out.
 */
final class WebhookWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookWorker.class);

    private final CallWebhooksUseCase calls;
    private final int batch;
    private final Duration idle;
    private final Duration longestBatch;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param batch        calls claimed at once: as many as run at once, so each batch ends within one call's timeout
     * @param longestBatch how long stopping waits for the batch in hand (its calls all started at once, so they end
     *                     within one call's timeout; a batch still running after it is made again after its lease)
     */
    WebhookWorker(CallWebhooksUseCase calls, int batch, Duration idle, Duration longestBatch) {
        this.calls = calls;
        this.batch = batch;
        this.idle = idle;
        this.longestBatch = longestBatch;
        this.thread = new Thread(this::loop, "consentflow-webhooks");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                if (calls.callOnce(batch) < batch) nap(idle);
            } catch (RuntimeException e) {
                // e.g. the database is down: the claimed calls come back after their lease; try again, not in a loop
                LOG.warn("webhook calls failed: {}", e.toString());
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

    /** Takes no new batch; {@link #close()} then waits for the one in hand. */
    void stopTaking() {
        running = false;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(longestBatch.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the webhook calls in hand did not finish within {} s; they are made again after their lease",
                    longestBatch.toSeconds());
        }
    }
}
