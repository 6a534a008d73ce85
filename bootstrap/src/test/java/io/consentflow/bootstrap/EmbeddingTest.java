package io.consentflow.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.adapter.persistence.TestDatabase;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.MessageType;
import io.consentflow.bootstrap.readme.Host;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host service embeds the engine exactly as README shows: its own DataSource, its own Javalin. */
class EmbeddingTest {
    static final Path SNIPPET = Path.of("src/test/java/io/consentflow/bootstrap/readme/Host.java");
    static final Path HOST_PROJECT = Path.of("src/it/embedding-host/src/main/java/host/Host.java");

    /** The class README shows, as it is compiled here and in the host project (the package line aside). */
    @Test
    void readmeShowsTheHostAsItIs() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("## Embedding");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String shown = readme.substring(start, readme.indexOf("```\n", start));
        assertEquals(withoutPackage(Files.readString(SNIPPET)), shown);
        assertEquals(withoutPackage(Files.readString(HOST_PROJECT)), shown);
    }

    /** README's host, run: its route and ours side by side, a direct call, then nothing of ours left running. */
    @Test
    void readmesHostRuns() {
        TestDatabase db = TestDatabase.empty();
        try (HikariDataSource pool = DataSources.pool(db.url(), db.user(), db.password(), 4)) {
            Phone phone = Phone.parse("+" + Gupshup.newPhone());
            try (Host host = new Host(pool, 0)) {
                Http http = new Http("http://127.0.0.1:" + host.port(), "change-me");
                assertEquals("the host's own route", http.get("/orders").body());
                assertEquals("up", http.get("/consentflow/health").json().get("status").asText());
                assertEquals("unknown", host.greet("+" + phone.digits()));
                assertEquals(phone.digits(), http.get("/consentflow/api/v1/contacts/" + phone.digits()).json()
                        .get("phone").asText());
                assertEquals(401, http.withKey(null).get("/consentflow/api/v1/contacts/" + phone.digits()).status());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && (t.getName().equals("consentflow-due-waits")
                            || t.getName().equals("consentflow-outbox"))));
        } finally {
            db.close();
        }
    }

    private static String withoutPackage(String source) {
        return source.substring(source.indexOf("\n\n") + 2);
    }

    @Test
    void aHostRunsTheEngineInProcessAndMountsItsRoutes() {
        TestDatabase db = TestDatabase.empty();
        try (HikariDataSource hostPool = DataSources.pool(db.url(), db.user(), db.password(), 4);
             Consentflow engine = Consentflow.builder(hostPool).apiKey("host-key").build()) {
            Phone phone = Phone.parse("+" + Gupshup.newPhone());

            var receipt = engine.receiveMessage().receive(new InboundMessage("gupshup", "host-1", phone, "Ravi",
                    MessageType.TEXT, "hello", Instant.now()));
            assertFalse(receipt.duplicate());
            assertTrue(engine.receiveMessage().receive(new InboundMessage("gupshup", "host-1", phone, "Ravi",
                    MessageType.TEXT, "hello", Instant.now())).duplicate());
            assertEquals("Ravi", engine.viewContacts().contact(phone).orElseThrow().name());

            Javalin host = Javalin.create(cfg -> {
                cfg.routes.get("/host/ping", ctx -> ctx.result("pong"));
                engine.configure(cfg);
            }).start(0);
            try {
                Http http = new Http("http://127.0.0.1:" + host.port(), "host-key");
                assertEquals("pong", http.get("/host/ping").body());
                assertEquals("Ravi", http.get("/api/v1/contacts/" + phone.digits()).json().get("name").asText());
                assertEquals(200, http.get("/health").status());
            } finally {
                host.stop();
            }
        } finally {
            db.close();
        }
    }
}
