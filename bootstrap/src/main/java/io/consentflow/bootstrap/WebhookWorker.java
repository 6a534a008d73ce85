package io.consentflow.bootstrap;

import io.consentflow.application.port.in.CallWebhooksUseCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Makes the webhook calls paused runs wait for, in the background ({@link BatchLoop}). Stopping lets the batch in
 * hand finish (its outcomes resume their runs); a call cut short by a crash is made again once its lease runs out.
 */
final class WebhookWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookWorker.class);

    private final BatchLoop loop;
    private final Duration longestBatch;

    /**
     * @param batch        calls claimed at once: as many as run at once, so each batch ends within one call's timeout
     * @param longestBatch how long stopping waits for the batch in hand (its calls all started at once, so they end
     *                     within one call's timeout; a batch still running after it is made again after its lease)
     */
    WebhookWorker(CallWebhooksUseCase calls, int batch, Duration idle, Duration longestBatch) {
        this.longestBatch = longestBatch;
        this.loop = new BatchLoop("consentflow-webhooks", "webhook calls", LOG, calls::callOnce, batch, idle,
                longestBatch);
    }

    /** Takes no new batch; {@link #close()} then waits for the one in hand. */
    void stopTaking() {
        loop.stopTaking();
    }

    @Override
    public void close() {
        if (!loop.finish()) {
            LOG.warn("the webhook calls in hand did not finish within {} s; they are made again after their lease",
                    longestBatch.toSeconds());
        }
    }
}
