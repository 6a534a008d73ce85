package io.consentflow.domain.flow.run;

import java.util.Locale;

/**
 * Why a run ended other than by completing, expiring or being replaced by another flow (those have no reason).
 * Stored as its {@link #wire()} text in {@code runs.end_reason}; {@link #fromWire} reads any stored text back.
 */
public sealed interface EndReason {
    /** The text stored and shown for this reason. */
    String wire();

    /** A text read from storage as its reason: the known ones typed, any other kept as {@link Recorded}. */
    static EndReason fromWire(String wire) {
        if (wire == null) return null;
        for (Because b : Because.values()) if (b.wire().equals(wire)) return b;
        if (wire.startsWith(MissingChildFlow.PREFIX)) {
            return new MissingChildFlow(wire.substring(MissingChildFlow.PREFIX.length()));
        }
        if (wire.startsWith(MissingNode.PREFIX)) return new MissingNode(wire.substring(MissingNode.PREFIX.length()));
        return new Recorded(wire);
    }

    /** The reasons without details. */
    enum Because implements EndReason {
        /**
         * The flow looped: Glific's rule (the same text a fourth time within six hours; the run ends
         * {@code INTERRUPTED}) or the engine's step limit ({@code FAILED}).
         */
        LOOP_DETECTED,
        /** The run's flow was deactivated while the run waited ({@code INTERRUPTED}). */
        FLOW_DEACTIVATED,
        /** The run's flow was deleted while the run waited ({@code INTERRUPTED}). */
        FLOW_DELETED;

        @Override
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The send policy refused one of the run's messages ({@code FAILED}); {@code refusal} is the refusal reason's
     * code (the policy's type is not named here: the policy itself reads runs).
     */
    record SendRefused(String refusal) implements EndReason {
        @Override
        public String wire() {
            return refusal;
        }
    }

    /** An enter_flow action named a flow that does not exist ({@code FAILED}). */
    record MissingChildFlow(String flowUuid) implements EndReason {
        static final String PREFIX = "missing child flow ";

        @Override
        public String wire() {
            return PREFIX + flowUuid;
        }
    }

    /** The node the run stood at is no longer in its flow ({@code FAILED}). */
    record MissingNode(String nodeUuid) implements EndReason {
        static final String PREFIX = "missing node ";

        @Override
        public String wire() {
            return PREFIX + nodeUuid;
        }
    }

    /**
     * A stored reason that none of the types above reads back (a refusal's code, or any other text found in
     * {@code runs.end_reason}), kept as it was so reading a run never fails on its reason.
     */
    record Recorded(String wire) implements EndReason {
    }
}
