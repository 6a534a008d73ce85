package io.consentflow.bootstrap.embedding;

import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.adapter.http.provider.StandInProvider;
import io.consentflow.adapter.persistence.TestDatabase;
import io.consentflow.bootstrap.Consentflow;
import io.consentflow.bootstrap.DataSources;
import io.consentflow.bootstrap.Provider;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an engine starts, it ends: threads, the provider's HTTP client, its meters on the host's registry. Without
 * {@code startScheduler()} it starts no thread; the host's clock, ids and executor are used.
 */
class LifecycleTest {
    static TestDatabase db;
    static HikariDataSource pool;
    static StandInProvider gupshup;

    @BeforeAll
    static void start() {
        db = TestDatabase.empty();
        pool = DataSources.pool(db.url(), db.user(), db.password(), 4);
        Consentflow.migrate(pool);
        gupshup = StandInProvider.gupshup();
    }

    @AfterAll
    static void stop() {
        gupshup.close();
        pool.close();
        db.close();
    }

    /** Threads that are not the JVM's, the test runner's or the pool's: what an engine could have left behind. */
    static Set<Thread> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("consentflow-") || t.getName().startsWith("HttpClient-"))
                .collect(Collectors.toSet());
    }

    static boolean started(Set<Thread> threads, String prefix) {
        return threads.stream().anyMatch(t -> t.getName().startsWith(prefix));
    }

    static Provider standIn() {
        return Provider.gupshup("gs-key", "917834811114", "Bot").withBaseUrl(gupshup.base())
                .withTimeout(Duration.ofSeconds(2));
    }

    @Test
    void closeEndsEveryThreadTheClientAndTheMeters() {
        SimpleMeterRegistry host = new SimpleMeterRegistry();
        Counter hostsOwn = host.counter("host_orders_total");
        Set<Thread> before = engineThreads();
        Set<Thread> all = Set.copyOf(Thread.getAllStackTraces().keySet());
        Consentflow engine = Consentflow.builder(pool).provider(standIn()).meterRegistry(host)
                .outboxIdle(Duration.ofMillis(20)).build();
        Set<String> startedByBuild = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !all.contains(t)).map(Thread::getName)
                .filter(n -> !n.matches(".*(connection adder|housekeeper|connection closer).*")) // the host's pool
                .collect(Collectors.toSet());
        assertEquals(Set.of(), startedByBuild, "building starts no thread, not even the provider client's");

        engine.startScheduler();
        Phone phone = Phone.parse("+919800000201");
        engine.receiveMessage().receive(new InboundMessage("gupshup", "life-1", phone, "Ravi", MessageType.TEXT,
                "hello", Instant.now()));
        engine.sendMessage().send(phone, new OutboundContent.Text("welcome", List.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> gupshup.accepted().size() == 1);
        Set<Thread> running = engineThreads();
        running.removeAll(before);
        assertTrue(started(running, "consentflow-send-"), running.toString());
        assertTrue(started(running, "consentflow-outbox"), running.toString());
        assertTrue(started(running, "HttpClient-"), running.toString());
        assertTrue(names(host).contains("consentflow_outbox_depth"), names(host).toString());

        engine.close();
        engine.close(); // again: nothing happens

        // The thread dump after close: the JDK's HTTP client ends its selector thread once it is let go (17) or
        // closed (21 and later).
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            System.gc();
            return before.containsAll(engineThreads()); // (other tests' clients may end meanwhile)
        });
        assertEquals(List.of("host_orders_total"), names(host));
        assertTrue(host.getMeters().contains(hostsOwn));
        assertThrows(IllegalStateException.class, engine::startScheduler);
    }

    @Test
    void theLogProviderHasNoClientAndADispatchByTheHostUsesItsExecutor() throws Exception {
        ExecutorService hosts = Executors.newFixedThreadPool(2, r -> new Thread(r, "host-send"));
        Set<Thread> before = engineThreads();
        io.micrometer.core.instrument.MeterRegistry own;
        try (Consentflow engine = Consentflow.builder(pool).sendExecutor(hosts).build()) {
            own = engine.meterRegistry();
            assertTrue(own.find("jvm.memory.used").meters().size() > 0, "a registry of its own has the JVM's meters");
            Phone phone = Phone.parse("+919800000202");
            engine.receiveMessage().receive(new InboundMessage("gupshup", "life-2", phone, null, MessageType.TEXT,
                    "hi", Instant.now()));
            Message queued = engine.sendMessage().send(phone, new OutboundContent.Text("ok", List.of()));
            // no startScheduler(): the host delivers when it likes (the log provider accepts at once)
            assertTrue(engine.dispatchOutbox().dispatchOnce(10) >= 1);
            assertEquals("enqueued", engine.viewContacts().message(queued.id()).orElseThrow().status().wire());
            assertTrue(before.containsAll(engineThreads()), engineThreads().toString());
            engine.close();
            assertFalse(hosts.isShutdown(), "the host's executor stays the host's");
        } finally {
            hosts.shutdown();
        }
        assertTrue(own.getMeters().isEmpty(), own.getMeters().toString());
        assertTrue(own.isClosed());
    }

    @Test
    void theHostsClockAndIdsAreUsed() {
        Instant noon = Instant.parse("2031-05-01T12:00:00Z");
        AtomicLong next = new AtomicLong();
        try (Consentflow engine = Consentflow.builder(pool).clock(Clock.fixed(noon, ZoneOffset.UTC))
                .ids(() -> new UUID(0x1234L, next.incrementAndGet())).build()) {
            Phone phone = Phone.parse("+919800000203");
            var receipt = engine.receiveMessage().receive(new InboundMessage("gupshup", "life-3", phone, null,
                    MessageType.TEXT, "hi", noon.minusSeconds(5)));
            assertEquals(0x1234L, receipt.messageId().getMostSignificantBits());
            Message reply = engine.sendMessage().send(phone, new OutboundContent.Text("ok", List.of()));
            assertEquals(0x1234L, reply.id().getMostSignificantBits());
            assertEquals(noon, reply.at());
        }
    }

    @Test
    void twoEnginesOnOneRegistryKeepTheirOwnMeters() {
        SimpleMeterRegistry host = new SimpleMeterRegistry();
        Consentflow a = Consentflow.builder(pool).meterRegistry(host).meterTags(Tags.of("engine", "a")).build();
        try (Consentflow b = Consentflow.builder(pool).meterRegistry(host).meterTags(Tags.of("engine", "b")).build()) {
            assertEquals(2, host.find("consentflow_outbox_depth").gauges().size());
            a.close();
            assertEquals(List.of("b"), host.find("consentflow_outbox_depth").gauges().stream()
                    .map(g -> g.getId().getTag("engine")).toList());
            b.receiveText("+919800000204", "hi", "life-4");
            assertEquals(1, host.find("consentflow_inbound_messages").tag("engine", "b").counter().count());
        }
        assertEquals(List.of(), names(host));
    }

    private static List<String> names(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).distinct().sorted().toList();
    }
}
