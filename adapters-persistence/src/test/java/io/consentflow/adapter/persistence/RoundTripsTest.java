package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Conversations.Turn;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.OutboundContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.consentflow.adapter.persistence.Fixtures.T0;
import static io.consentflow.adapter.persistence.Fixtures.inbound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Round trips to PostgreSQL per conversation, counted at the JDBC boundary: every statement execution is one
 * (the driver sends a multi-statement text with one Sync), and so is a commit or rollback the driver has to send
 * (with the server's transaction already ended by an in-band COMMIT it sends nothing).
 */
class RoundTripsTest {
    private static final String FLOW = "5b3c1d2e-0000-4a6b-9c8d-111111111111";
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static final AtomicInteger roundTrips = new AtomicInteger();
    private static Conversations conversations;

    @BeforeAll
    static void start() {
        conversations = new PersistenceAdapter(counting(db.dataSource())).conversations();
    }

    private static int roundTrips(Runnable work) {
        roundTrips.set(0);
        work.run();
        return roundTrips.get();
    }

    /** What an inbound message that starts a flow saves: the contact with a consent change, a run, a reply. */
    private static Turn<Changes> replyAndStartARun(io.consentflow.application.port.out.Conversation c, Phone phone) {
        c.contact().receivedInbound(T0, "Asha");
        c.contact().optIn(ConsentMethod.FLOW, "in", FLOW, T0);
        List<Run> runs = new java.util.ArrayList<>();
        for (Run waiting : c.unfinishedRuns()) {
            waiting.end(io.consentflow.domain.flow.run.RunStatus.COMPLETED, null, T0);
            runs.add(waiting);
        }
        Run run = Run.start(UUID.randomUUID(), FLOW, phone, null, T0);
        run.waitAt("node", T0, null, null);
        runs.add(run);
        OutboundMessage reply = new OutboundMessage(UUID.randomUUID(), phone, MessageType.TEXT, "Thanks", new OutboundContent.Text("Thanks", List.of()), MessageStatus.QUEUED, FLOW, run.id(), false, T0, null, null, null, null);
        return Turn.saving(Changes.of(c.contact()).withRuns(runs).withOutbound(List.of(reply)));
    }

    @Test
    void anInboundMessageCostsTwoRoundTripsForANewAndAKnownContact() {
        Phone phone = Fixtures.phone();
        assertEquals(2, roundTrips(() -> conversations.inbound(inbound(phone, "new-" + UUID.randomUUID()), "Asha",
                T0, c -> replyAndStartARun(c, phone)).orElseThrow()), "a new contact: open, save with commit");
        assertEquals(2, roundTrips(() -> conversations.inbound(inbound(phone, "known-" + UUID.randomUUID()), "Asha",
                T0, c -> {
                    assertEquals(1, c.unfinishedRuns().size());
                    return replyAndStartARun(c, phone);
                }).orElseThrow()), "a known contact with a waiting run");
    }

    @Test
    void aDuplicateCostsTheOpeningAndTheRollback() {
        Phone phone = Fixtures.phone();
        String providerId = "dup-" + UUID.randomUUID();
        conversations.inbound(inbound(phone, providerId), "Asha", T0, c -> Turn.saving(Changes.none()));
        assertEquals(2, roundTrips(() -> assertTrue(conversations.inbound(inbound(phone, providerId), "Asha", T0,
                c -> Turn.saving(Changes.none())).isEmpty())));
    }

    @Test
    void anExistingConversationAndAStatusChangeAlike() {
        Phone phone = Fixtures.phone();
        Fixtures.lockOrCreate(conversations, phone, "Asha", T0);
        assertEquals(2, roundTrips(() -> conversations.existing(phone, c -> replyAndStartARun(c, phone))
                .orElseThrow()), "open, save with commit");
        assertEquals(1, roundTrips(() -> conversations.save(Changes.none().withStatus(
                new io.consentflow.application.port.out.StatusChange(UUID.randomUUID(), MessageStatus.DELIVERED,
                        null)))), "a status alone: the write with the commit");
    }

    // ---- counting at the JDBC boundary ---------------------------------------------------------------------

    private static DataSource counting(DataSource target) {
        return proxy(DataSource.class, (p, m, args) -> {
            Object result = invoke(target, m, args);
            return m.getName().equals("getConnection") ? connection((Connection) result) : result;
        });
    }

    private static Connection connection(Connection target) {
        return proxy(Connection.class, (p, m, args) -> {
            String name = m.getName();
            if ((name.equals("commit") || name.equals("rollback")) && (args == null || args.length == 0)
                    && target.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
                roundTrips.incrementAndGet();
            }
            Object result = invoke(target, m, args);
            if (result instanceof Statement s && !(result instanceof java.sql.CallableStatement)) {
                Class<? extends Statement> type = result instanceof java.sql.PreparedStatement
                        ? java.sql.PreparedStatement.class : Statement.class;
                return statement(type, s);
            }
            return result;
        });
    }

    private static <S extends Statement> S statement(Class<S> type, Statement target) {
        return proxy(type, (p, m, args) -> {
            if (EXECUTIONS.contains(m.getName())) roundTrips.incrementAndGet();
            return invoke(target, m, args);
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(RoundTripsTest.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
