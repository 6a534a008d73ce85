package io.consentflow.adapter.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backlog that built up before any statistics were taken (the planner then expects one queued row) must not
 * turn the claim into a read of the whole backlog plus a sort: the claim walks the outbox index in order and stops at its limit.
 */
class OutboxClaimPlanTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static Jdbi jdbi;

    @BeforeAll
    static void start() {
        jdbi = Jdbi.create(db.dataSource());
        jdbi.useHandle(h -> {
            // as on a fresh database under load: the backlog builds in seconds, autoanalyze comes much later
            h.execute("ALTER TABLE messages SET (autovacuum_enabled = false)");
            h.execute("ALTER TABLE contacts SET (autovacuum_enabled = false)");
            h.execute("ALTER TABLE runs SET (autovacuum_enabled = false)");
            // the claim reads each candidate's contact (and an opt-in ask's run) for the send policy
            h.execute("""
                    INSERT INTO contacts (phone, language, status, consent_status, consent_at, consent_method,
                                          last_inbound_at, created_at)
                    SELECT p || lpad(i::text, 8, '0'), 'eng', 'valid', 'opted_in', now(), 'api', now(), now()
                    FROM generate_series(0, 4999) i, unnest(ARRAY['9188', '9199']) p""");
            h.execute("""
                    INSERT INTO messages (id, phone, direction, type, text, status, at)
                    SELECT gen_random_uuid(), '9188' || lpad((i % 5000)::text, 8, '0'), 'outbound', 'text', 'old',
                           'enqueued', now()
                    FROM generate_series(1, 20000) i""");
            h.execute("""
                    INSERT INTO messages (id, phone, direction, type, text, status, at, run_id, optin_ask)
                    SELECT gen_random_uuid(), '9199' || lpad((i % 3000)::text, 8, '0'), 'outbound', 'text', 'new',
                           'queued', now(), gen_random_uuid(), i % 2 = 0
                    FROM generate_series(1, 6000) i""");
        });
    }

    @Test
    void theClaimWalksTheOutboxIndexInOrderWhateverTheStatisticsSay() throws Exception {
        String plan = jdbi.inTransaction(h -> {
            h.createQuery(JdbiOutbox.PLAN).mapToMap().one();
            return h.createQuery("EXPLAIN (FORMAT JSON) " + JdbiOutbox.CLAIM)
                    .bind(0, java.time.OffsetDateTime.now()).bind(1, java.time.OffsetDateTime.now())
                    .bind(2, 50).mapTo(String.class).one();
        });
        List<String> nodes = new ArrayList<>();
        collect(new ObjectMapper().readTree(plan).get(0).get("Plan"), nodes);
        assertFalse(nodes.stream().anyMatch(n -> n.startsWith("Sort") || n.startsWith("Bitmap")),
                "no sort, no bitmap read of the whole backlog: " + nodes);
        assertEquals("Index Scan messages_outbox", nodes.get(nodes.indexOf("LockRows") + 1),
                "the rows to claim come from the outbox index, in seq order: " + nodes);
        assertTrue(nodes.stream().anyMatch(n -> n.endsWith("Scan messages_queued_by_contact")),
                "each candidate's oldest-of-its-contact probe reads that contact's entries only: " + nodes);
        assertEquals(1, nodes.stream().filter(n -> n.endsWith("messages_outbox")).count(),
                "the outbox index is walked once, not once per candidate: " + nodes);
        assertFalse(nodes.stream().anyMatch(n -> n.startsWith("Seq Scan") || n.startsWith("Hash")
                        || n.startsWith("Merge")), "contacts and runs are never read whole: " + nodes);
        assertTrue(nodes.contains("Index Scan contacts_pkey"), "each candidate's contact by its key: " + nodes);
        assertTrue(nodes.contains("Index Scan runs_pkey"), "an opt-in ask's run by its key: " + nodes);
    }

    @Test
    void theClaimStillTakesEachContactsOldestAndStopsAtItsLimit() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        java.time.Instant now = java.time.Instant.now();
        var claimed = adapter.outbox().claim(now, java.time.Duration.ofSeconds(30), 50,
                queued -> new io.consentflow.domain.policy.SendPolicy().decideAtSend(queued, now)).leased();
        assertEquals(50, claimed.size());
        assertEquals(50, claimed.stream().map(c -> c.message().phone()).distinct().count(), "one per contact");
        assertEquals(List.of("new"), claimed.stream().map(c -> c.message().text()).distinct().toList());
    }

    private static void collect(JsonNode node, List<String> into) {
        String relation = node.has("Index Name") ? " " + node.get("Index Name").asText() : "";
        into.add(node.get("Node Type").asText() + relation);
        if (node.has("Plans")) for (JsonNode child : node.get("Plans")) collect(child, into);
    }
}
