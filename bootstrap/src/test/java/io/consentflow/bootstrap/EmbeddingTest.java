package io.consentflow.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.adapter.persistence.TestDatabase;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.MessageType;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host service embeds the engine exactly as README shows: its own DataSource, its own Javalin. */
class EmbeddingTest {
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
