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

    /** Contacts having an ACTIVE or SUSPENDED run whose timeoutAt or expiresAt is at or before {@code now}. */
    List<Phone> withDueRuns(Instant now, int limit);
}
