package io.consentflow.adapter.persistence;

import io.consentflow.application.port.in.ContactQuery;
import io.consentflow.application.port.in.GroupView;
import io.consentflow.application.port.out.ContactDirectory;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.DashboardFigures;
import io.consentflow.application.port.out.Groups;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.Phone;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import static io.consentflow.adapter.persistence.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Groups' members by consent, kept (V19) instead of counted member by member: equal to a scan of the members' contacts
 * at any moment (before a fold, after one, while folds run), and the contact list's group filters with a consent or a
 * status filter find exactly the members a scan finds, whether or not a fold has caught up with a change.
 */
class GroupCountsTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static Conversations conversations;
    private static Groups groups;
    private static DashboardFigures figures;
    private static ContactDirectory directory;
    private static Jdbi raw;

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        conversations = adapter.conversations();
        groups = adapter.groups();
        figures = adapter.dashboardFigures();
        directory = adapter.contactDirectory();
        raw = Jdbi.create(db.dataSource());
    }

    /** The truth: the group's members counted from their contacts now. */
    private static Map<ConsentState, Long> scanned(long group) {
        Map<ConsentState, Long> counts = new EnumMap<>(ConsentState.class);
        raw.useHandle(h -> h.createQuery("SELECT c.consent_status, count(*) AS n FROM group_members m"
                        + " JOIN contacts c ON c.phone = m.phone WHERE m.group_id = :g GROUP BY 1").bind("g", group)
                .map((rs, ctx) -> counts.put(ConsentState.fromWire(rs.getString(1)), rs.getLong(2))).list());
        return counts;
    }

    private static Map<ConsentState, Long> kept(long group) {
        return nonZero(groups.find(group).orElseThrow().byConsent());
    }

    /** A view names every consent state, zeros too; a scan only those it found. */
    private static Map<ConsentState, Long> nonZero(Map<ConsentState, Long> counts) {
        Map<ConsentState, Long> out = new EnumMap<>(ConsentState.class);
        counts.forEach((k, v) -> {
            if (v != 0) out.put(k, v);
        });
        return out;
    }

    private static void assertExact(long group) {
        Map<ConsentState, Long> truth = scanned(group);
        assertEquals(truth, kept(group), "find");
        GroupView listed = groups.list().stream().filter(v -> v.id() == group).findFirst().orElseThrow();
        assertEquals(truth, nonZero(listed.byConsent()), "list");
        assertEquals(truth.values().stream().mapToLong(Long::longValue).sum(), listed.members(), "members");
        for (ConsentState consent : ConsentState.values()) {
            assertEquals(scannedPhones(group, "c.consent_status = '" + consent.wire() + "'"),
                    listed(new ContactQuery(consent, null, group, null, null, 1000)), "filter " + consent);
        }
        for (ContactStatus status : ContactStatus.values()) {
            assertEquals(scannedPhones(group, "c.status = '" + status.wire() + "'"),
                    listed(new ContactQuery(null, status, group, null, null, 1000)), "filter " + status);
        }
    }

    private static List<String> scannedPhones(long group, String where) {
        return raw.withHandle(h -> h.createQuery("SELECT m.phone FROM group_members m JOIN contacts c ON c.phone = m.phone"
                + " WHERE m.group_id = :g AND " + where + " ORDER BY m.phone").bind("g", group).mapTo(String.class).list());
    }

    private static List<String> listed(ContactQuery q) {
        List<String> phones = new ArrayList<>();
        directory.page(q).contacts().forEach(c -> phones.add(c.phone().digits()));
        return phones;
    }

    /** The contact as stored now (with its groups: a stale copy saved would write its old memberships back). */
    private static Contact load(Phone phone) {
        return Fixtures.lockOrCreate(conversations, phone, "M", T0);
    }

    @Test
    void membersAreCountedByConsentBeforeAndAfterEachFold() {
        long g = groups.create("Counted").orElseThrow().id();
        Phone a = Fixtures.phone();
        Phone b = Fixtures.phone();
        Phone c = Fixtures.phone();
        Contact ca = load(a);
        ca.optIn(ConsentMethod.API, "note", null, T0);
        Fixtures.save(conversations, ca);
        load(b);
        load(c);
        groups.addMembers(g, List.of(a, b, c));
        assertExact(g);
        figures.fold();
        assertExact(g);

        Contact changed = load(a);
        changed.optOut(ConsentMethod.BSP, "stop", null, T0.plusSeconds(5));
        Fixtures.save(conversations, changed);
        Contact blocked = load(b);
        blocked.block();
        Fixtures.save(conversations, blocked);
        assertExact(g); // not folded yet: the changed contacts are read from themselves
        figures.fold();
        assertExact(g);
        assertEquals(0L, (long) raw.withHandle(h -> h.createQuery("SELECT count(*) FROM group_members m JOIN contacts k"
                + " ON k.phone = m.phone WHERE m.counted_consent IS DISTINCT FROM k.consent_status"
                + " OR m.counted_status IS DISTINCT FROM k.status").mapTo(Long.class).one()), "all brought up to date");

        groups.removeMembers(g, List.of(a));
        assertExact(g);
        figures.fold();
        assertExact(g);
        assertEquals(Map.of(ConsentState.UNKNOWN, 2L), kept(g));
    }

    @Test
    void aDeletedGroupsMembershipsLeaveNothingToFold() {
        long g = groups.create("Short-lived").orElseThrow().id();
        Phone a = Fixtures.phone();
        load(a);
        groups.addMembers(g, List.of(a));
        assertTrue(groups.delete(g));
        figures.fold();
        assertEquals(0L, (long) raw.withHandle(h -> h.createQuery("SELECT count(*) FROM count_deltas").mapTo(Long.class).one()));
        assertEquals(0L, (long) raw.withHandle(h -> h.createQuery("SELECT count(*) FROM group_counts WHERE group_id = :g")
                .bind("g", g).mapTo(Long.class).one()));
    }

    /**
     * A membership another transaction is deleting is not waited for (the fold skips it and keeps its phone as a
     * delta); if that deletion rolls back, the next fold brings the membership up to date.
     */
    @Test
    void aMembershipHeldByADeletionIsLeftForTheNextFold() throws Exception {
        long g = groups.create("Held").orElseThrow().id();
        Phone a = Fixtures.phone();
        load(a);
        groups.addMembers(g, List.of(a));
        figures.fold();
        Contact changed = load(a);
        changed.optIn(ConsentMethod.API, "note", null, T0.plusSeconds(1));
        Fixtures.save(conversations, changed);
        try (Connection held = db.dataSource().getConnection(); Statement s = held.createStatement()) {
            held.setAutoCommit(false);
            s.execute("DELETE FROM group_members WHERE group_id = " + g + " AND phone = '" + a.digits() + "'");
            figures.fold(); // returns: it does not wait for the deletion
            assertEquals(1L, (long) raw.withHandle(h -> h.createQuery("SELECT count(*) FROM count_deltas WHERE phone = :p AND n = 0")
                    .bind("p", a.digits()).mapTo(Long.class).one()), "left for the next fold");
            assertExact(g);
            held.rollback();
        }
        assertExact(g);
        figures.fold();
        assertExact(g);
        assertEquals(Map.of(ConsentState.OPTED_IN, 1L), kept(g));
    }

    /**
     * Members added and removed, their contacts' consent and status changed, while two folds run at a time (as two
     * instances would): every group's counts and filters equal a scan throughout and after.
     */
    @Test
    void foldsWhileMembersAndContactsChangeKeepEveryGroupExact() throws Exception {
        long g1 = groups.create("Busy one").orElseThrow().id();
        long g2 = groups.create("Busy two").orElseThrow().id();
        List<Phone> phones = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Phone p = Fixtures.phone();
            load(p);
            phones.add(p);
        }
        groups.addMembers(g1, phones.subList(0, 30));
        groups.addMembers(g2, phones.subList(10, 40));
        List<Callable<Void>> changes = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int half = t;
            changes.add(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 150; i++) {
                    // each thread its own half of the contacts: a contact's changes apply one at a time
                    Phone p = phones.get(half * 20 + random.nextInt(20));
                    switch (random.nextInt(5)) {
                        case 0 -> groups.addMembers(random.nextBoolean() ? g1 : g2, List.of(p));
                        case 1 -> groups.removeMembers(random.nextBoolean() ? g1 : g2, List.of(p));
                        case 2 -> {
                            Contact c = load(p);
                            if (c.status() == ContactStatus.BLOCKED) c.unblock(); else c.block();
                            Fixtures.save(conversations, c);
                        }
                        default -> {
                            Contact c = load(p);
                            if (c.consent().state() == ConsentState.OPTED_IN) {
                                c.optOut(ConsentMethod.BSP, "stop", null, T0.plusSeconds(i));
                            } else {
                                c.optIn(ConsentMethod.API, "note", null, T0.plusSeconds(i));
                            }
                            Fixtures.save(conversations, c);
                        }
                    }
                }
                return null;
            });
        }
        Folding.whileChanging(figures, changes);
        assertExact(g1);
        assertExact(g2);
        figures.fold();
        assertExact(g1);
        assertExact(g2);
        assertEquals(0L, (long) raw.withHandle(h -> h.createQuery("SELECT count(*) FROM count_deltas").mapTo(Long.class).one()));
        assertEquals(0L, (long) raw.withHandle(h -> h.createQuery("SELECT count(*) FROM group_members m JOIN contacts k"
                + " ON k.phone = m.phone WHERE m.counted_consent IS DISTINCT FROM k.consent_status"
                + " OR m.counted_status IS DISTINCT FROM k.status").mapTo(Long.class).one()));
    }
}
