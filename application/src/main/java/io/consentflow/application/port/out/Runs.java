package io.consentflow.application.port.out;

import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.List;

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

    /** Contacts having an ACTIVE or SUSPENDED run whose timeoutAt or expiresAt is at or before {@code now}. */
    List<Phone> withDueRuns(Instant now, int limit);
}
