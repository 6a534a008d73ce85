package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Conversations.Turn;
import io.consentflow.application.port.out.OutreachQueue;
import io.consentflow.application.port.out.Tickets;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.effect.Outreach;
import io.consentflow.domain.flow.effect.Recipients;
import io.consentflow.domain.flow.effect.Ticket;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.consentflow.adapter.persistence.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** V9's tables on PostgreSQL: effects saved with the sender's changes, the queue listed once, each recipient taken once. */
class OutreachAndTicketsTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static Conversations conversations;
    private static OutreachQueue queue;
    private static Tickets tickets;
    private static Contacts contacts;

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        conversations = adapter.conversations();
        queue = adapter.outreach();
        tickets = adapter.tickets();
        contacts = adapter.contacts();
    }

    private static final Phone SENDER = new Phone("919700000001");

    private static void save(Phone phone, List<String> groups, List<io.consentflow.domain.flow.effect.Effect> effects) {
        conversations.lockOrCreate(phone, null, T0, c -> {
            c.contact().addGroups(groups);
            return Turn.saving(Changes.of(c.contact()).withEffects(effects));
        });
    }

    @Test
    void aBroadcastIsSavedWithTheSendersChangesListedOnceAndEachRecipientTakenOnce() throws Exception {
        Phone member = new Phone("919700000011");
        save(member, List.of("Volunteers"), List.of());
        Outreach.Broadcast work = new Outreach.Broadcast(List.of(
                new Outreach.Part(MessageType.TEXT, "Meeting", new OutboundContent.Text("Meeting", List.of("OK"))),
                new Outreach.Part(MessageType.TEMPLATE, "t", new OutboundContent.Template("news", "en", List.of("a"),
                        "tpl-uuid"))));
        Phone listed = new Phone("919700000012");
        Outreach o = new Outreach(UUID.randomUUID(), work, new Recipients(List.of(listed), List.of("Volunteers")),
                SENDER, "flow-1", UUID.randomUUID(), T0);
        save(SENDER, List.of(), List.of(o));

        List<Outreach> unlisted = queue.unlisted(10).stream().filter(u -> u.id().equals(o.id())).toList();
        assertEquals(List.of(o), unlisted, "read back as written");
        assertEquals(List.of(member), contacts.phonesInGroup("Volunteers"));

        queue.list(o.id(), List.of(listed, member), T0);
        queue.list(o.id(), List.of(new Phone("919700000099")), T0);
        assertTrue(queue.unlisted(10).stream().noneMatch(u -> u.id().equals(o.id())));
        List<OutreachQueue.Pending> pending = mine(o);
        assertEquals(List.of(member, listed), pending.stream().map(OutreachQueue.Pending::phone).toList(),
                "a second listing adds nobody");

        // eight workers race for each recipient: each is taken once, in the recipient's transaction
        AtomicInteger taken = new AtomicInteger();
        Set<String> outcomes = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                for (OutreachQueue.Pending p : pending) {
                    futures.add(pool.submit(() -> conversations.lockOrCreate(p.phone(), null, T0, c -> {
                        boolean mine = queue.take(o.id(), p.phone(), "sent", T0);
                        if (mine) {
                            taken.incrementAndGet();
                            outcomes.add(p.phone().digits());
                        }
                        return new Turn<>(Changes.none(), mine);
                    })));
                }
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, taken.get());
        assertTrue(mine(o).isEmpty());
        assertEquals(2, db.queryInt("SELECT count(*) FROM outreach_recipients WHERE outcome = 'sent'"));
    }

    private static List<OutreachQueue.Pending> mine(Outreach o) {
        return queue.pending(100).stream().filter(p -> p.outreach().id().equals(o.id())).toList();
    }

    @Test
    void aTakeRolledBackWithItsConversationLeavesTheRecipientPending() {
        Phone r = new Phone("919700000021");
        Outreach o = new Outreach(UUID.randomUUID(), new Outreach.StartFlow("flow-2", "News", true),
                new Recipients(List.of(r), List.of()), SENDER, "flow-1", null, T0);
        save(SENDER, List.of(), List.of(o));
        queue.list(o.id(), List.of(r), T0);
        try {
            conversations.lockOrCreate(r, null, T0, c -> {
                queue.take(o.id(), r, "started", T0);
                throw new IllegalStateException("the recipient's work failed");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back, the take with it
        }
        assertEquals(1, queue.pending(10).stream().filter(p -> p.outreach().id().equals(o.id())).count());
        assertEquals(new Outreach.StartFlow("flow-2", "News", true),
                queue.pending(10).stream().filter(p -> p.outreach().id().equals(o.id())).findFirst().orElseThrow()
                        .outreach().work());
    }

    @Test
    void ticketsAreSavedWithTheSprintAndPagedById() {
        List<Ticket> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // time-ordered ids, as the service's
            opened.add(new Ticket(new UUID(0x0190_0000_0000_7000L + i, 0x8000_0000_0000_0000L + i), SENDER,
                    "flow-1", null, "Query", "body " + i, i == 0 ? null : "staff@ngo.example", T0));
        }
        save(SENDER, List.of(), List.copyOf(opened));
        List<Ticket> first = tickets.page(null, 2);
        assertEquals(opened.subList(0, 2), first);
        assertEquals(opened.subList(2, 3), tickets.page(first.get(1).id(), 2));
        assertTrue(tickets.page(opened.get(2).id(), 2).isEmpty());
    }
}
