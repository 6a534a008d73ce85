package io.consentflow.application.port.out;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.Run;

import java.time.Instant;
import java.util.List;

/** Flow runs; a contact's waiting run survives restarts. */
public interface Runs {
    /** The contact's unfinished runs, child first: the ACTIVE run, then its SUSPENDED parent chain. */
    List<Run> unfinished(Phone phone);

    /** Inserts or updates each run. */
    void saveAll(List<Run> runs);

    /**
     * Inside a transaction: ends {@code INTERRUPTED} with {@code reason} every unfinished run of every contact that
     * has an unfinished run of {@code flowUuid} (the run, its suspended parents and its child: a contact's
     * unfinished runs are one chain), in one set-based statement. Returns how many runs it ended.
     */
    int interruptRunsOf(String flowUuid, String reason, Instant now);

    /** Contacts having an ACTIVE or SUSPENDED run whose timeoutAt or expiresAt is at or before {@code now}. */
    List<Phone> withDueRuns(Instant now, int limit);
}
