package io.consentflow.adapter.persistence;

import io.consentflow.application.port.in.ContactPage;
import io.consentflow.application.port.in.ContactQuery;
import io.consentflow.application.port.in.GroupName;
import io.consentflow.application.port.in.GroupView;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.ContactBatches;
import io.consentflow.application.port.out.ContactDirectory;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Groups;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.ImportedConsent;
import io.consentflow.domain.contact.Phone;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static io.consentflow.adapter.persistence.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Groups (V10), contact batches (the import's storage) and the contact list's keyset pages, on PostgreSQL. */
class GroupsAndBatchesTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static Groups groups;
    private static Conversations conversations;
    private static Contacts contacts;
    private static ContactBatches batches;
    private static ContactDirectory directory;
    private static Jdbi raw;
    private static io.consentflow.application.port.out.DashboardFigures figures;
    private static final AtomicInteger next = new AtomicInteger();

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        groups = adapter.groups();
        conversations = adapter.conversations();
        contacts = adapter.contacts();
        batches = adapter.contactBatches();
        directory = adapter.contactDirectory();
        raw = Jdbi.create(db.dataSource());
        figures = adapter.dashboardFigures();
    }

    /** Phones of a range of their own per test, so tests do not see each other's contacts. */
    private static Phone phone(int range, int i) {
        return new Phone(String.format("9%02d%09d", range, i));
    }

    private static Contact create(Phone phone, String name) {
        return Fixtures.lockOrCreate(conversations, phone, name, T0);
    }

    @Test
    void namesAreUniqueIgnoringCaseAndMembersAreCountedByConsent() {
        GroupView farmers = groups.create("Farmers Pune").orElseThrow();
        assertTrue(groups.create("FARMERS pune").isEmpty(), "the same name in other case is taken");
        Phone a = phone(10, 1), b = phone(10, 2), nobody = phone(10, 3);
        create(a, "A");
        Contact bc = create(b, "B");
        bc.optOut(ConsentMethod.API, "staff", null, T0);
        Fixtures.save(conversations, bc);

        assertEquals(List.of(nobody), groups.addMembers(farmers.id(), List.of(a, b, nobody)));
        assertEquals(0, groups.find(farmers.id()).orElseThrow().members(), "all or none");
        assertEquals(List.of(), groups.addMembers(farmers.id(), List.of(a, b)));
        assertEquals(List.of(), groups.addMembers(farmers.id(), List.of(a)), "adding twice changes nothing");
        GroupView v = groups.find(farmers.id()).orElseThrow();
        assertEquals(2, v.members());
        assertEquals(Map.of(ConsentState.UNKNOWN, 1L, ConsentState.OPTED_IN, 0L, ConsentState.OPTED_OUT, 1L), v.byConsent());
        assertEquals(Set.of("Farmers Pune"), contacts.find(a).orElseThrow().groups(), "the contact sees its group");

        GroupView other = groups.create("Teachers").orElseThrow();
        assertEquals(Groups.Renamed.TAKEN, groups.rename(other.id(), "farmers PUNE"));
        assertEquals(Groups.Renamed.RENAMED, groups.rename(farmers.id(), "Farmers of Pune"));
        assertEquals(Set.of("Farmers of Pune"), contacts.find(a).orElseThrow().groups(), "a rename touches no contact");
        assertEquals(Groups.Renamed.NO_GROUP, groups.rename(999_999, "x"));

        assertTrue(groups.removeMembers(farmers.id(), List.of(a, nobody)));
        assertEquals(1, groups.find(farmers.id()).orElseThrow().members());
        assertTrue(groups.delete(farmers.id()));
        assertTrue(groups.find(farmers.id()).isEmpty());
        assertEquals(Set.of(), contacts.find(b).orElseThrow().groups());
        assertFalse(groups.delete(farmers.id()));
        assertNull(groups.addMembers(farmers.id(), List.of(a)), "no such group");
    }

    @Test
    void namesAreEveryGroupInTheListsOrderWithNothingCounted() {
        GroupView zebra = groups.create("zebra names").orElseThrow();
        GroupView apple = groups.create("Apple names").orElseThrow();
        Phone a = phone(16, 1);
        create(a, "A");
        groups.addMembers(apple.id(), List.of(a));
        List<GroupName> names = groups.names();
        assertEquals(groups.list().stream().map(g -> new GroupName(g.id(), g.name())).toList(), names);
        assertTrue(names.indexOf(new GroupName(apple.id(), "Apple names"))
                < names.indexOf(new GroupName(zebra.id(), "zebra names")), "by name ignoring case");
    }

    @Test
    void aConversationWritesTheContactsGroupsAsMembershipsOfTheSameGroups() {
        GroupView vip = groups.create("VIP").orElseThrow();
        Phone p = phone(11, 1);
        Contact c = create(p, "C");
        c.addGroups(List.of("vip", "Newsletter"));
        Fixtures.save(conversations, c);
        Contact read = contacts.find(p).orElseThrow();
        assertEquals(Set.of("VIP", "Newsletter"), read.groups(), "an existing group keeps its name; a new one is made");
        assertEquals(1, groups.find(vip.id()).orElseThrow().members());
        assertTrue(groups.list().stream().anyMatch(g -> g.name().equals("Newsletter") && g.members() == 1));

        read.removeGroups(List.of("VIP"));
        Fixtures.save(conversations, read);
        assertEquals(Set.of("Newsletter"), contacts.find(p).orElseThrow().groups());
        assertEquals(0, groups.find(vip.id()).orElseThrow().members());
    }

    @Test
    void aBatchCreatesTheMissingLocksAllAndWritesSetBased() {
        Phone known = phone(12, 1), out = phone(12, 2), fresh = phone(12, 3);
        create(known, "Known");
        Contact o = create(out, "Out");
        o.optOut(ConsentMethod.FLOW, "msg", null, T0);
        Fixtures.save(conversations, o);

        for (int run = 0; run < 2; run++) {
            int r = run;
            List<ImportedConsent> outcomes = batches.inBatch(Set.of(known, out, fresh), T0, b -> {
                assertEquals(r == 0 ? Set.of(fresh) : Set.of(), b.created());
                List<ImportedConsent> result = new ArrayList<>();
                for (Phone p : List.of(known, out, fresh)) {
                    Contact c = b.contacts().get(p);
                    c.rename("Name " + p.digits().substring(9));
                    c.setField("district", "Pune");
                    c.addGroups(List.of("Imported"));
                    result.add(c.importOptIn("import:list.csv:row 2:2026-01-01", T0));
                }
                return new ContactBatches.Turn<>(List.copyOf(b.contacts().values()), result);
            });
            if (run == 0) {
                assertEquals(List.of(ImportedConsent.OPTED_IN, ImportedConsent.KEPT_OPTED_OUT, ImportedConsent.OPTED_IN),
                        outcomes);
            } else {
                assertEquals(List.of(ImportedConsent.ALREADY_OPTED_IN, ImportedConsent.KEPT_OPTED_OUT,
                        ImportedConsent.ALREADY_OPTED_IN), outcomes, "the second time changes nothing");
            }
        }
        Contact f = contacts.find(fresh).orElseThrow();
        assertEquals(ConsentState.OPTED_IN, f.consent().state());
        assertEquals(ConsentMethod.IMPORT, f.consent().method());
        assertEquals("Pune", f.fields().get("district"));
        assertEquals(Set.of("Imported"), f.groups());
        assertEquals(1, contacts.history(fresh).size(), "one opt-in recorded, not two");
        assertEquals(ConsentState.OPTED_OUT, contacts.find(out).orElseThrow().consent().state());
        assertEquals(1, contacts.history(out).size(), "the opt-out stands, nothing added");
    }

    @Test
    void aContactCreatedMeanwhileRunsTheBatchAgainWithItLocked() {
        Phone racing = phone(15, 1), other = phone(15, 2);
        AtomicInteger runs = new AtomicInteger();
        Set<Phone> createdOnLastRun = batches.inBatch(Set.of(racing, other), T0, b -> {
            if (runs.incrementAndGet() == 1) {
                // an inbound message from that phone creates it on another connection, and commits
                java.util.concurrent.CompletableFuture.runAsync(() -> create(racing, "First message")).join();
            }
            b.contacts().values().forEach(c -> c.setField("imported", "yes"));
            return new ContactBatches.Turn<>(List.copyOf(b.contacts().values()), b.created());
        });
        assertEquals(2, runs.get(), "the batch ran again");
        assertEquals(Set.of(other), createdOnLastRun);
        Contact c = contacts.find(racing).orElseThrow();
        assertEquals("First message", c.name(), "the other transaction's contact is kept");
        assertEquals("yes", c.fields().get("imported"), "and the batch's change applied to it");
    }

    @Test
    void pagesAreStableUnderConcurrentInserts() {
        int range = 13;
        Set<String> existing = new TreeSet<>();
        for (int i = 0; i < 250; i++) {
            Phone p = phone(range, i * 10);
            create(p, "P" + i);
            existing.add(p.digits());
        }
        List<String> seen = new ArrayList<>();
        Phone after = null;
        int inserted = 0;
        do {
            ContactPage page = directory.page(new ContactQuery(null, null, null, "9" + range, after, 100));
            page.contacts().forEach(c -> seen.add(c.phone().digits()));
            after = page.next();
            // others insert meanwhile, before and after the cursor
            if (after != null) {
                create(phone(range, 5 + 10 * inserted), "before or after");
                create(phone(range, 2495 + inserted), "at the end");
                inserted++;
            }
        } while (after != null);
        assertEquals(new LinkedHashSet<>(seen).size(), seen.size(), "no contact twice");
        assertTrue(seen.containsAll(existing), "no contact that existed was skipped");
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        assertEquals(sorted, seen, "in phone order");
    }

    @Test
    void filtersByConsentStatusGroupAndPrefix() {
        int range = 14;
        GroupView g = groups.create("Filters").orElseThrow();
        List<Phone> inGroup = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Phone p = phone(range, i);
            Contact c = create(p, (i % 2 == 0 ? "Asha " : "Ravi ") + i);
            if (i % 3 == 0) c.optIn(ConsentMethod.API, "note", null, T0);
            if (i == 4) c.block();
            Fixtures.save(conversations, c);
            if (i < 6) inGroup.add(p);
        }
        groups.addMembers(g.id(), inGroup);
        assertEquals(List.of(0, 3, 6, 9), numbers(query(ConsentState.OPTED_IN, null, null, "9" + range)));
        assertEquals(List.of(4), numbers(query(null, ContactStatus.BLOCKED, null, "9" + range)));
        assertEquals(List.of(0, 3), numbers(query(ConsentState.OPTED_IN, null, g.id(), null)));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), numbers(query(null, null, g.id(), null)));
        assertEquals(List.of(10, 11), numbers(query(null, null, null, "+" + phone(range, 10).digits().substring(0, 11))));
        assertEquals(List.of(0, 2, 4), numbers(query(null, null, g.id(), "asha")));
        List<Integer> all = new ArrayList<>();
        directory.forEach(new ContactQuery(null, null, null, "9" + range, null, 1), c -> all.add(number(c)));
        assertEquals(12, all.size(), "the export ignores the limit");
    }

    private static ContactPage query(ConsentState consent, ContactStatus status, Long group, String prefix) {
        return directory.page(new ContactQuery(consent, status, group, prefix, null, 100));
    }

    private static List<Integer> numbers(ContactPage page) {
        return page.contacts().stream().map(GroupsAndBatchesTest::number).toList();
    }

    private static int number(Contact c) {
        return Integer.parseInt(c.phone().digits().substring(3));
    }

    /** EXPLAIN of every filter on 30,000 contacts: an index walked in phone order, no sort, no full scan. */
    @Test
    void eachFilterWalksAnIndexInPhoneOrder() {
        raw.useHandle(h -> {
            h.execute("INSERT INTO contacts (phone, name, language, status, consent_status, consent_at, consent_method, created_at)"
                    + " SELECT (950000000000 + i)::text, 'N' || i, 'eng', CASE WHEN i % 100 = 0 THEN 'blocked' ELSE 'valid' END,"
                    + " CASE WHEN i % 10 = 0 THEN 'opted_out' ELSE 'opted_in' END, now(), 'import', now()"
                    + " FROM generate_series(1, 30000) i");
            h.execute("INSERT INTO groups (name) VALUES ('Explained')");
            h.execute("INSERT INTO group_members (group_id, phone) SELECT g.id, c.phone FROM groups g, contacts c"
                    + " WHERE g.name = 'Explained' AND c.phone LIKE '95%'");
            h.execute("ANALYZE contacts");
            h.execute("ANALYZE group_members");
        });
        figures.fold(); // as the service's scheduler does every second: count_deltas holds the last second's
        long group = groups.list().stream().filter(v -> v.name().equals("Explained")).findFirst().orElseThrow().id();
        Phone after = new Phone("950000015000");
        for (ContactQuery q : List.of(
                new ContactQuery(null, null, null, null, after, 100),
                new ContactQuery(ConsentState.OPTED_OUT, null, null, null, after, 100),
                new ContactQuery(null, ContactStatus.BLOCKED, null, null, after, 100),
                new ContactQuery(null, null, group, null, after, 100),
                new ContactQuery(ConsentState.OPTED_IN, null, group, null, after, 100),
                new ContactQuery(ConsentState.OPTED_OUT, null, group, null, after, 100),
                new ContactQuery(null, ContactStatus.BLOCKED, group, null, after, 100),
                new ContactQuery(null, ContactStatus.VALID, group, null, after, 100),
                new ContactQuery(null, null, null, "9500000123", null, 100))) {
            String full = explain(q);
            // the contact's groups (a SubPlan per row: its own small sort) are read for the page's rows only
            String plan = full.contains("SubPlan") ? full.substring(0, full.indexOf("SubPlan")) : full;
            assertTrue(sortsOnlyChangedMembers(plan), q + "\n" + full);
            assertFalse(plan.contains("Seq Scan on contacts"), q + "\n" + plan);
            assertFalse(plan.contains("Seq Scan on group_members"), q + "\n" + plan);
        }
        String byName = explain(new ContactQuery(null, null, null, "N2999", null, 100));
        assertFalse(byName.contains("Seq Scan on contacts"), byName);
    }

    /**
     * No sort of the page's rows: the only sort allowed is of the members whose contact changed since they were
     * counted (found from count_deltas, a few), merged into the index walk.
     */
    private static boolean sortsOnlyChangedMembers(String plan) {
        List<String> lines = plan.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains("Sort  (")) continue;
            int depth = lines.get(i).indexOf("Sort");
            boolean changed = false;
            for (int j = i + 1; j < lines.size() && lines.get(j).indexOf("->") > depth; j++) {
                changed |= lines.get(j).contains("count_deltas");
            }
            if (!changed) return false;
        }
        return true;
    }

    private static String explain(ContactQuery q) {
        return raw.withHandle(h -> {
            var query = h.createQuery("EXPLAIN " + JdbiContactDirectory.sql(q, true));
            if (q.groupId() != null) query.bind("group", q.groupId().longValue());
            if (q.consent() != null) query.bind("consent", q.consent().wire());
            if (q.status() != null) query.bind("status", q.status().wire());
            if (q.phonePrefix() != null) {
                query.bind("prefix", q.phonePrefix()).bind("prefixLength", q.phonePrefix().length());
                if (JdbiContactDirectory.upperBound(q.phonePrefix()) != null) {
                    query.bind("prefixEnd", JdbiContactDirectory.upperBound(q.phonePrefix()));
                }
            }
            if (q.namePrefix() != null) query.bind("namePattern", q.namePrefix() + "%");
            if (q.after() != null) query.bind("after", q.after().digits());
            query.bind("limit", q.limit() + 1);
            return String.join("\n", query.mapTo(String.class).list());
        });
    }

    @Test
    void theMigrationTurnsTodaysGroupNamesIntoGroups() {
        try (TestDatabase old = TestDatabase.empty()) {
            Flyway.configure().dataSource(old.dataSource()).locations("classpath:" + Migrations.LOCATION)
                    .table(Migrations.HISTORY_TABLE).target("7").load().migrate();
            old.execute("INSERT INTO contacts (phone, language, groups, status, consent_status, created_at) VALUES"
                    + " ('919800000001', 'eng', '{Farmers,Teachers}', 'valid', 'unknown', now()),"
                    + " ('919800000002', 'eng', '{farmers, \" \"}', 'valid', 'unknown', now())");
            Migrations.migrate(old.dataSource());
            Contacts migrated = new PersistenceAdapter(old.dataSource()).contacts();
            assertEquals(Set.of("Farmers", "Teachers"), migrated.find(new Phone("919800000001")).orElseThrow().groups());
            assertEquals(Set.of("Farmers"), migrated.find(new Phone("919800000002")).orElseThrow().groups());
            assertEquals(2, old.queryInt("SELECT count(*) FROM groups"));
        }
    }
}
