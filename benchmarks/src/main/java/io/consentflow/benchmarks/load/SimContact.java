package io.consentflow.benchmarks.load;

import java.util.SplittableRandom;

/**
 * One simulated WhatsApp user. Never has two messages in flight: the next one is chosen only after the previous one
 * was answered ({@link #answered}), so its messages reach the service in script order.
 */
final class SimContact {
    final long index;
    final String phone;
    final String name;
    private final String idPrefix;
    private final int length;
    private final double duplicateAfter;
    private final SplittableRandom rnd;

    /** Originals answered 200: the script's first {@code applied} steps are in the database. */
    int applied;
    /** An error (non-200, exception, unexpected body): its state is unknown, it sends nothing more. */
    boolean failed;
    private Outgoing last;
    private boolean duplicatePending;

    /** One request: an original step, or a re-send of the previous one with the same provider id. */
    record Outgoing(SimContact contact, Script.Step step, String providerId, boolean duplicate) {
    }

    SimContact(long index, String phone, int length, double duplicateShare, SplittableRandom rnd) {
        this.index = index;
        this.phone = phone;
        this.name = "Load " + index;
        this.idPrefix = "lg-" + phone + "-";
        this.length = length;
        // originals make up (1 - share) of all messages; each is followed by a re-send with this probability
        this.duplicateAfter = duplicateShare / (1 - duplicateShare);
        this.rnd = rnd;
    }

    boolean done() {
        return failed || (applied >= length && !duplicatePending);
    }

    Outgoing next() {
        if (duplicatePending) {
            duplicatePending = false;
            return new Outgoing(this, last.step(), last.providerId(), true);
        }
        Script.Step step = Script.STEPS.get(applied);
        last = new Outgoing(this, step, idPrefix + applied, false);
        return last;
    }

    /** @param ok 200 with the expected body ("accepted" for an original, "duplicate" for a re-send) */
    void answered(Outgoing m, boolean ok) {
        if (!ok) {
            failed = true;
            return;
        }
        if (!m.duplicate()) {
            applied++;
            duplicatePending = rnd.nextDouble() < duplicateAfter;
        }
    }
}
