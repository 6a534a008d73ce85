package io.consentflow.application.port.in;

import io.consentflow.domain.broadcast.Audience;
import io.consentflow.domain.broadcast.Broadcast;
import io.consentflow.domain.broadcast.BroadcastContent;
import io.consentflow.domain.broadcast.BroadcastTally;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Broadcasts: a registered template or a flow for a group or a list of contacts, from a start time on. Creating one
 * only records it; its recipients are fixed when it starts, by a worker, and each recipient's consent is checked
 * when its message is to leave.
 */
public interface ManageBroadcastsUseCase {
    /** At most this many phones in one broadcast's list (a bigger audience is a group). */
    int MAX_PHONES = 10_000;
    int MAX_NAME = 256;

    /**
     * Records a broadcast, to start at {@code at} (null: now).
     *
     * @throws InvalidBroadcastException naming the field at fault (an unknown template, group, flow or phone; a
     *                                   wrong number of template parameters)
     */
    BroadcastView create(NewBroadcast request);

    /** Up to {@code limit} broadcasts in id order (oldest first), after {@code after} when given. */
    List<BroadcastView> list(UUID after, int limit);

    Optional<BroadcastView> find(UUID id);

    /**
     * Up to {@code limit} running broadcasts with their counts, the longest running first (read-only; the console
     * dashboard's "broadcasts running", found by the index on running ones, never a walk through all of them).
     */
    List<BroadcastView> running(int limit);

    /**
     * Stops the broadcast: once this returns, nothing more of it reaches a provider (calls that had started have
     * ended, none starts again). Empty when there is no such broadcast; a done one stays done
     * ({@link BroadcastFinishedException}); cancelling twice answers as the first time.
     */
    Optional<BroadcastView> cancel(UUID id);

    /** What the API asks for. */
    record NewBroadcast(String name, BroadcastContent content, Audience audience, Instant at) {
        public NewBroadcast {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(audience, "audience");
        }
    }

    /** A broadcast with its counts. */
    record BroadcastView(Broadcast broadcast, BroadcastTally tally) {
    }

    /** A broadcast that cannot be made as asked, with the request field at fault and a machine-readable code. */
    final class InvalidBroadcastException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;
        private final String code;

        public InvalidBroadcastException(String field, String code, String message) {
            super(message, null, false, false);
            this.field = field;
            this.code = code;
        }

        public String field() {
            return field;
        }

        public String code() {
            return code;
        }
    }

    /** Cancelling a broadcast that is done already. */
    final class BroadcastFinishedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BroadcastFinishedException(UUID id) {
            super("broadcast " + id + " is done: every recipient was handled, nothing is left to cancel", null,
                    false, false);
        }
    }
}
