package io.consentflow.bootstrap;

import io.consentflow.application.port.in.SendBroadcastsUseCase;
import io.consentflow.application.service.BroadcastSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Broadcasts in the background, on two threads of their own ({@link BatchLoop}), apart from the outbox's: one fixes
 * the recipients of broadcasts whose start came (a million in one statement may take seconds, and must not hold up
 * sending), the other sends batch after batch. Stopping lets the batch in hand finish and record its outcomes.
 */
final class BroadcastWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BroadcastWorker.class);
    /**
     * Recipients per claim: each batch is two short transactions (claim, outcomes) whatever its size, so a big one
     * sends thousands a second; with a provider taking 200 ms per call and 8 calls at once, 500 take about 12 s,
     * inside {@code BroadcastSender.LATEST_START}.
     */
    static final int BATCH = 500;
    /** How often the starter looks for broadcasts whose start came. */
    private static final Duration START_IDLE = Duration.ofMillis(200);
    private static final Duration LONGEST_BATCH = BroadcastSender.LEASE.plusSeconds(5);

    private final BatchLoop starter;
    private final BatchLoop sender;

    BroadcastWorker(SendBroadcastsUseCase broadcasts, Duration idle) {
        this.starter = new BatchLoop("consentflow-broadcast-start", "broadcast start", LOG, broadcasts::startDue, 1,
                START_IDLE, LONGEST_BATCH);
        this.sender = new BatchLoop("consentflow-broadcast-send", "broadcast send", LOG, broadcasts::sendOnce, BATCH,
                idle, LONGEST_BATCH);
    }

    void stopTaking() {
        starter.stopTaking();
        sender.stopTaking();
    }

    /** Waits for the batch in hand: its outcomes recorded, no recipient waits for its lease to run out. */
    @Override
    public void close() {
        stopTaking();
        if (!sender.finish()) {
            LOG.warn("the broadcast batch did not finish within {} s; its calls in flight end outcome_unknown",
                    LONGEST_BATCH.toSeconds());
        }
        starter.finish();
    }
}
