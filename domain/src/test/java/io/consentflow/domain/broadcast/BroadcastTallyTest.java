package io.consentflow.domain.broadcast;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BroadcastTallyTest {
    @Test
    void eachRecipientCountsOnceWhereItsMessageIsNow() {
        BroadcastTally t = BroadcastTally.of(100, Map.of("enqueued", 10L, "sent", 5L, "delivered", 20L, "read", 15L,
                "failed", 3L, "refused:contact_opted_out", 4L, "refused:marketing_opted_out", 2L));

        assertEquals(50, t.sent(), "accepted, whatever the provider reported since");
        assertEquals(35, t.delivered(), "delivered or read");
        assertEquals(15, t.read());
        assertEquals(3, t.failed());
        assertEquals(Map.of("contact_opted_out", 4L, "marketing_opted_out", 2L), t.refused());
        assertEquals(100 - 50 - 3 - 6, t.queued());
    }

    @Test
    void aFlowBroadcastCountsItsStartedRuns() {
        BroadcastTally t = BroadcastTally.of(3, Map.of("started", 1L, "refused:session_window_closed", 1L));
        assertEquals(1, t.started());
        assertEquals(1, t.queued());
    }

    @Test
    void beforeItStartsNothingIsQueuedAndEmptyBucketsAreLeftOut() {
        BroadcastTally t = BroadcastTally.of(0, Map.of("refused:contact_blocked", 0L));
        assertEquals(0, t.queued());
        assertEquals(Map.of(), t.refused());
    }

    @Test
    void aBucketNoBroadcastMessageCanBeInIsAFault() {
        assertThrows(IllegalArgumentException.class, () -> BroadcastTally.of(1, Map.of("queued", 1L)));
    }
}
