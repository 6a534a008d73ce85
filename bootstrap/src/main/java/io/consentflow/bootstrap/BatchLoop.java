package io.consentflow.bootstrap;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.function.IntUnaryOperator;

/**
 * One background thread that runs batch after batch while each comes back full and naps after a partial or empty
 * one (under load each claim and commit then serves a full batch instead of a handful). A failing batch (the
 * database down, say) is logged and retried after a second, never in a tight loop. Stopping lets the batch in hand
 * finish: its outcomes are what a lease would otherwise have to repeat.
 */
final class BatchLoop {
    private final String what;
    private final Logger log;
    private final IntUnaryOperator batchOf;
    private final int batch;
    private final Duration idle;
    private final Duration longestBatch;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param what         what a batch does, for the log ("outbox dispatch", "webhook calls")
     * @param batchOf      runs one batch of at most its argument's size, answers how many it handled
     * @param longestBatch how long {@link #finish()} waits for the batch in hand
     */
    BatchLoop(String threadName, String what, Logger log, IntUnaryOperator batchOf, int batch, Duration idle,
              Duration longestBatch) {
        this.what = what;
        this.log = log;
        this.batchOf = batchOf;
        this.batch = batch;
        this.idle = idle;
        this.longestBatch = longestBatch;
        this.thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                if (batchOf.applyAsInt(batch) < batch) nap(idle);
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", what, e.toString());
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

    /** Takes no new batch; {@link #finish()} then waits for the one in hand. */
    void stopTaking() {
        running = false;
    }

    /** Waits for the batch in hand (not interrupted: that would abandon its outcomes); false if it outlasted the wait. */
    boolean finish() {
        running = false;
        try {
            thread.join(longestBatch.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
