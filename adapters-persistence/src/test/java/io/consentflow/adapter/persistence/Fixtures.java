package io.consentflow.adapter.persistence;

import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** Test data: unique phones (so tests in one class share a database without meeting) and fixed instants. */
final class Fixtures {
    /** Microsecond precision, as timestamptz keeps. */
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

    private Fixtures() {
    }

    static Phone phone() {
        return new Phone("91" + (1_000_000_000L + ThreadLocalRandom.current().nextLong(8_999_999_999L)));
    }
}
