package io.consentflow.application.service;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderedIdsTest {
    private static final RandomGenerator RANDOM = new SplittableRandom(3);

    @Test
    void versionSevenWithTheTimestampInFront() {
        UUID id = new TimeOrderedIds(() -> 0x0190_1234_5678L, RANDOM).get();
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(0x0190_1234_5678L, id.getMostSignificantBits() >>> 16);
        assertTrue(id.toString().startsWith("01901234-5678-7"), id.toString());
    }

    @Test
    void laterMillisecondsSortLaterAndIdsInOneMillisecondStayUnique() {
        AtomicLong now = new AtomicLong(1_795_620_000_000L);
        TimeOrderedIds ids = new TimeOrderedIds(now::get, RANDOM);
        Set<UUID> seen = new HashSet<>();
        UUID previous = null;
        for (int ms = 0; ms < 100; ms++) {
            UUID first = null;
            for (int i = 0; i < 1_000; i++) {
                UUID id = ids.get();
                assertTrue(seen.add(id), "repeated " + id);
                if (first == null) first = id;
            }
            // UUID.compareTo compares signed halves; the timestamp half of these ids is positive
            if (previous != null) assertTrue(previous.getMostSignificantBits() >>> 16 < first.getMostSignificantBits() >>> 16);
            previous = first;
            now.incrementAndGet();
        }
    }
}
