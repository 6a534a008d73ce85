package io.consentflow.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.application.port.out.MessageSender;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.adapter.persistence.TestDatabase;
import io.consentflow.domain.message.Message;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the engine while the outbox is handing a batch to the provider. */
class OutboxShutdownTest {
    private final TestDatabase db = TestDatabase.empty();
    private final HikariDataSource pool = DataSources.pool(db.url(), db.user(), db.password(), 4);
    private final CountDownLatch sending = new CountDownLatch(1);
    private Consentflow engine;

    @AfterEach
    void dropDatabase() {
        if (engine != null) engine.close();
        pool.close();
        db.close();
    }

    /**
     * A provider call may last up to 20 s (LEASE - LATEST_START): stopping waits for it and records its outcome
     * before the pool closes, or the message would go out a second time when its lease runs out.
     */
    @Test
    void stoppingWaitsForTheBatchInHandAndRecordsItsOutcome() throws Exception {
        queueOneReply(slowProvider(Duration.ofSeconds(17)));
        engine.close();
        pool.close();
        assertEquals(1, db.queryInt("SELECT count(*) FROM messages WHERE direction = 'outbound' AND provider_id LIKE 'wamid.%'"),
                "the accepted call is recorded");
        assertEquals(0, db.queryInt("SELECT count(*) FROM messages WHERE claimed_until IS NOT NULL AND status = 'queued'"),
                "nothing left claimed, to be sent again after the lease");
    }

    /**
     * A host that closes its pool while the outbox is recording a batch (the wrong order, or a failure of its own):
     * with the service's own logging configuration, that is one line, never a stack trace or an ERROR (the pool
     * would add a stack trace for the connection it takes away), and the engine still stops promptly.
     */
    @Test
    void thePoolClosedUnderTheOutboxLogsNoStackTrace() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        try (Connection holder = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            holder.setAutoCommit(false);
            queueOneReply(slowProvider(Duration.ofSeconds(4)));
            // claimed first (a claim skips a row someone holds), so the call is under way...
            await().atMost(Duration.ofSeconds(10)).until(() -> db.queryInt("SELECT count(*) FROM messages "
                    + "WHERE direction = 'outbound' AND claimed_until IS NOT NULL") == 1);
            // The outbox's recording of the outcome waits for this row, on a pooled connection...
            holder.createStatement().execute("SELECT 1 FROM messages WHERE direction = 'outbound' FOR UPDATE");
            configureLogging("/logback.xml"); // the service's, not the tests' quieter one
            root.addAppender(logged);
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnALock(holder));
            pool.close(); // ...which the pool takes away
            holder.rollback();
            Thread.sleep(1500); // the worker and the scheduler try again, and say so
            long started = System.nanoTime();
            engine.close();
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0,
                    "stops promptly");
        } finally {
            root.detachAppender(logged);
            configureLogging("/logback-test.xml");
        }
        List<ILoggingEvent> events = List.copyOf(logged.list);
        assertTrue(events.stream().anyMatch(e -> e.getLoggerName().endsWith("OutboxWorker")),
                "the outbox said the database is unavailable: " + events);
        for (ILoggingEvent e : events) {
            assertTrue(!e.getLevel().isGreaterOrEqual(Level.ERROR) && e.getThrowableProxy() == null,
                    "one line, no stack trace: " + e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " + " + e.getThrowableProxy().getClassName()));
        }
    }

    private static void configureLogging(String resource) throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Objects.requireNonNull(OutboxShutdownTest.class.getResource(resource)));
    }

    private static boolean waitingOnALock(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    /** Starts the engine delivering through {@code sender} and has it queue a reply; returns once it is being sent. */
    private void queueOneReply(MessageSender sender) throws Exception {
        engine = Consentflow.builder(pool).sender(sender).outboxIdle(Duration.ofMillis(20)).build().startScheduler();
        Javalin server = engine.createServer().start(0);
        try {
            Http http = new Http("http://127.0.0.1:" + server.port(), null);
            assertEquals(201, http.post("/api/v1/flows/import", Files.readString(Path.of(Objects.requireNonNull(
                    getClass().getResource("/fixtures/consent-flows.json")).toURI()))).status());
            assertEquals(200, http.post("/webhooks/gupshup",
                    Gupshup.text(Gupshup.newPhone(), Gupshup.newId(), "optin")).status());
        } finally {
            server.stop();
        }
        assertTrue(sending.await(10, TimeUnit.SECONDS), "the outbox is delivering the question");
    }

    private MessageSender slowProvider(Duration callTakes) {
        return new MessageSender() {
            @Override
            public SendResult send(Message message) {
                sending.countDown();
                try {
                    Thread.sleep(callTakes.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new SendResult.Retry("interrupted");
                }
                return new SendResult.Accepted("wamid." + message.id());
            }

            @Override
            public String provider() {
                return "gupshup";
            }
        };
    }
}
