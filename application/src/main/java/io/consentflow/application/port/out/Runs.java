package io.consentflow.application.port.out;

import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Flow runs across contacts; a contact's own runs are read and written with its {@link Conversation}. A contact's
 * waiting run survives restarts.
 */
public interface Runs {
    /**
     * Inside a transaction: ends {@code INTERRUPTED} with {@code reason} every unfinished run of every contact that
     * has an unfinished run of {@code flowUuid} (the run, its suspended parents and its child: a contact's
     * unfinished runs are one chain), in one set-based statement. Returns how many runs it ended.
     */
    int interruptRunsOf(String flowUuid, String reason, Instant now);

    /**
     * Contacts whose ACTIVE run's timeoutAt or expiresAt is at or before {@code now}. A SUSPENDED parent waits for
     * its child, whatever its own expiry says: counting it would hand the scheduler contacts it can do nothing for,
     * and enough of them would fill every batch and starve everyone else's timeouts.
     */
    List<Phone> withDueRuns(Instant now, int limit);

    /** The contact of the run {@code runId}, whatever its status; empty when there is no such run. */
    Optional<Phone> phoneOf(UUID runId);
}
