package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.DashboardFigures;
import io.consentflow.application.port.out.DashboardFigures.ConsentChanges;
import io.consentflow.application.port.out.DashboardFigures.ContactCount;
import io.consentflow.application.port.out.DashboardFigures.Refusals;
import io.consentflow.application.port.out.Outbox;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.policy.SendDecision;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.consentflow.adapter.persistence.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's counts, kept by V13's triggers in each change's own transaction: they always equal what a scan
 * of the tables would count, and reading them touches neither contacts nor messages.
 */
class DashboardFiguresTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static Conversations conversations;
    private static DashboardFigures figures;
    private static Outbox outbox;
    private static Jdbi raw;
    static final LocalDate DAY = LocalDate.ofInstant(T0, ZoneOffset.UTC);

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        conversations = adapter.conversations();
        figures = adapter.dashboardFigures();
        outbox = adapter.outbox();
        raw = Jdbi.create(db.dataSource());
    }

    /** What a scan counts: the truth the kept counts must equal. */
    static Map<String, Long> scanned() {
        return raw.withHandle(h -> h.createQuery("SELECT consent_status || '/' || status AS k, count(*) AS n "
                        + "FROM contacts GROUP BY 1").map((rs, ctx) -> Map.entry(rs.getString("k"), rs.getLong("n")))
                .list()).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static Map<String, Long> kept() {
        return figures.contacts().stream().collect(Collectors.toMap(
                (ContactCount c) -> c.consent().wire() + "/" + c.status().wire(), ContactCount::n));
    }

    @Test
    void contactsByConsentAndStatusFollowEveryChange() {
        Phone a = Fixtures.phone();
        Phone b = Fixtures.phone();
        Contact ca = Fixtures.lockOrCreate(conversations, a, "A", T0);
        Fixtures.lockOrCreate(conversations, b, "B", T0);
        assertEquals(scanned(), kept());

        ca.optIn(ConsentMethod.FLOW, null, null, T0.plusSeconds(1));
        Fixtures.save(conversations, ca);
        assertEquals(scanned(), kept());
        ca.optOut(ConsentMethod.API, "note", null, T0.plusSeconds(2));
        Fixtures.save(conversations, ca);
        ca.block();
        Fixtures.save(conversations, ca);
        Fixtures.save(conversations, ca); // saved again unchanged: nothing counted twice
        assertEquals(scanned(), kept());
        assertEquals(1L, kept().get("opted_out/blocked"));
    }

    @Test
    void consentChangesAreCountedPerDayAndMethod() {
        java.time.Instant later = T0.plus(Duration.ofDays(3)); // a day no other test of the class writes to
        LocalDate day = DAY.plusDays(3);
        Phone p = Fixtures.phone();
        Contact c = Fixtures.lockOrCreate(conversations, p, "C", later);
        c.optIn(ConsentMethod.FLOW, null, null, later.plusSeconds(1));
        c.optOut(ConsentMethod.BSP, "stop", null, later.plusSeconds(2));
        c.optIn(ConsentMethod.FLOW, null, null, later.plusSeconds(3));
        Fixtures.save(conversations, c);
        List<ConsentChanges> changes = figures.days(day, day).stream()
                .filter(ConsentChanges.class::isInstance).map(ConsentChanges.class::cast).toList();
        assertEquals(List.of(new ConsentChanges(day, ConsentState.OPTED_IN, ConsentMethod.FLOW, 2),
                new ConsentChanges(day, ConsentState.OPTED_OUT, ConsentMethod.BSP, 1)), changes);
        assertEquals(List.of(), figures.days(day.plusDays(1), day.plusDays(30)), "nothing on other days");
    }

    @Test
    void refusalsAreCountedWhenQueuedAndWhenTheOutboxRefusesThem() {
        Phone p = Fixtures.phone();
        Contact c = Fixtures.lockOrCreate(conversations, p, "D", T0);
        c.receivedInbound(T0, null);
        Fixtures.save(conversations, c);
        OutboundMessage refusedAtQueue = OutboundMessage.queued(UUID.randomUUID(), p, MessageType.TEXT, "x",
                new OutboundContent.Text("x", List.of()), null, null, false, T0, RefusalReason.SESSION_WINDOW_CLOSED);
        OutboundMessage queued = OutboundMessage.queued(UUID.randomUUID(), p, MessageType.TEXT, "y",
                new OutboundContent.Text("y", List.of()), null, null, false, T0, null);
        Fixtures.addOutbound(conversations, List.of(refusedAtQueue, queued));
        long depth = outbox.depth();
        outbox.claim(T0.plusSeconds(5), Duration.ofSeconds(40), 10,
                q -> new SendDecision.Refused(RefusalReason.CONTACT_OPTED_OUT));
        Map<RefusalReason, Long> refused = figures.days(DAY, LocalDate.now(ZoneOffset.UTC).plusDays(1)).stream()
                .filter(Refusals.class::isInstance).map(Refusals.class::cast)
                .collect(Collectors.groupingBy(Refusals::reason, Collectors.summingLong(Refusals::n)));
        assertEquals(1L, refused.get(RefusalReason.SESSION_WINDOW_CLOSED));
        assertEquals(1L, refused.get(RefusalReason.CONTACT_OPTED_OUT));
        assertEquals(depth - 1, outbox.depth());
    }

    @Test
    void readingTheFiguresTouchesNeitherContactsNorMessages() {
        List<String> contactsPlan = raw.withHandle(h -> h.createQuery("EXPLAIN " + JdbiDashboardFigures.CONTACTS)
                .mapTo(String.class).list());
        List<String> daysPlan = raw.withHandle(h -> h.createQuery("EXPLAIN " + JdbiDashboardFigures.DAYS)
                .bind(0, DAY).bind(1, DAY).bind(2, DAY).bind(3, DAY).bind(4, 0L).bind(5, DAY).bind(6, DAY)
                .mapTo(String.class).list());
        List<String> plans = List.of(String.join("\n", contactsPlan), String.join("\n", daysPlan));
        for (String plan : plans) {
            assertTrue(plan.contains("count_deltas"), plan);
            assertFalse(plan.contains(" contacts") || plan.contains(" messages"), plan);
        }
    }

    /**
     * Changes recorded while folds run, two folds at a time (as two instances would): every change is counted once,
     * whether a fold took it or a reader added it from the deltas, and a last fold leaves no delta behind.
     */
    @Test
    void foldsWhileContactsChangeKeepTheFiguresExact() throws Exception {
        java.time.Instant later = T0.plus(Duration.ofDays(7)); // a day of its own
        LocalDate day = DAY.plusDays(7);
        java.util.concurrent.Callable<Void> change = () -> {
            for (int i = 0; i < 60; i++) {
                Contact c = Fixtures.lockOrCreate(conversations, Fixtures.phone(), "F", later);
                c.optIn(ConsentMethod.FLOW, null, null, later.plusSeconds(1));
                Fixtures.save(conversations, c);
                if (i % 3 == 0) {
                    c.optOut(ConsentMethod.BSP, "stop", null, later.plusSeconds(2));
                    Fixtures.save(conversations, c);
                }
            }
            return null;
        };
        Folding.whileChanging(figures, List.of(change, change));
        assertEquals(scanned(), kept());
        Map<ConsentState, Long> byTo = figures.days(day, day).stream().filter(ConsentChanges.class::isInstance)
                .map(ConsentChanges.class::cast)
                .collect(Collectors.groupingBy(ConsentChanges::to, Collectors.summingLong(ConsentChanges::n)));
        assertEquals(Map.of(ConsentState.OPTED_IN, 120L, ConsentState.OPTED_OUT, 40L), byTo);
        figures.fold();
        long left = raw.withHandle(h -> h.createQuery("SELECT count(*) FROM count_deltas").mapTo(Long.class).one());
        assertEquals(0L, left);
        // two quiet turns: the first sees the last consent change's id, the second folds up to it
        figures.fold();
        figures.fold();
        long unfolded = raw.withHandle(h -> h.createQuery("SELECT count(*) FROM consent_history WHERE id > "
                + "(SELECT folded_to FROM count_watermarks WHERE name = 'consent_history')").mapTo(Long.class).one());
        assertEquals(0L, unfolded, "consent changes above the watermark after two quiet folds");
        assertEquals(Map.of(ConsentState.OPTED_IN, 120L, ConsentState.OPTED_OUT, 40L), figures.days(day, day).stream()
                .filter(ConsentChanges.class::isInstance).map(ConsentChanges.class::cast)
                .collect(Collectors.groupingBy(ConsentChanges::to, Collectors.summingLong(ConsentChanges::n))));
        assertEquals(scanned(), kept());
    }

    /**
     * The fold vacuums what it emptied (this server runs without autovacuum): round after round of changes and
     * folds, count_deltas stays the size of one round instead of growing by one round's dead rows each time.
     */
    @Test
    void foldsKeepTheDeltasTableFromGrowing() {
        java.time.Instant later = T0.plus(Duration.ofDays(9));
        long[] sizes = new long[6];
        for (int round = 0; round < sizes.length; round++) {
            for (int i = 0; i < 300; i++) Fixtures.lockOrCreate(conversations, Fixtures.phone(), "G", later);
            figures.fold();
            sizes[round] = raw.withHandle(h -> h.createQuery("SELECT pg_relation_size('count_deltas')")
                    .mapTo(Long.class).one());
        }
        assertTrue(sizes[5] <= sizes[0] + 8192, "count_deltas' bytes after each round: " + java.util.Arrays.toString(sizes));
        assertEquals(scanned(), kept());
    }
}
