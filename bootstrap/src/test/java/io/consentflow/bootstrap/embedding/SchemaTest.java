package io.consentflow.bootstrap.embedding;

import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.adapter.persistence.TestDatabase;
import io.consentflow.bootstrap.Consentflow;
import io.consentflow.bootstrap.DataSources;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's tables in a schema of the host's choice, migrated at build or by the host beforehand. */
class SchemaTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.empty();

    static HikariDataSource pool(String schema) {
        return pool(db, schema);
    }

    /** A pool whose connections resolve names in {@code schema} first. */
    static HikariDataSource pool(TestDatabase on, String schema) {
        String url = on.url() + (on.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return DataSources.pool(url, on.user(), on.password(), 2);
    }

    @Test
    void theEngineLivesInTheHostsSchema() {
        try (HikariDataSource pool = pool("messaging");
             Consentflow engine = Consentflow.builder(pool).schema("messaging").build()) {
            Phone phone = Phone.parse("+919800000101");
            engine.receiveMessage().receive(new InboundMessage("gupshup", "s-1", phone, "Asha", MessageType.TEXT,
                    "hi", Instant.now()));
            assertEquals(1, db.queryInt("SELECT count(*) FROM messaging.contacts"));
            assertEquals(0, db.queryInt("SELECT count(*) FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_name = 'contacts'"));
        }
    }

    @Test
    void aHostMigratesAtDeployTimeAndBuildsWithoutMigrating() {
        try (HikariDataSource pool = pool("deployed")) {
            Consentflow.migrate(pool, "deployed");
            try (Consentflow engine = Consentflow.builder(pool).schema("deployed").migrate(false).build()) {
                assertTrue(engine.checkHealth().databaseUp());
            }
        }
    }

    @Test
    void aSchemaTheConnectionsDoNotUseIsRefusedByName() {
        try (HikariDataSource pool = pool("public")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Consentflow.builder(pool).schema("elsewhere").build());
            assertTrue(e.getMessage().startsWith("schema: "), e.getMessage());
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> Consentflow.builder(pool).schema("Bad-Name"));
            assertTrue(bad.getMessage().startsWith("schema "), bad.getMessage());
        }
    }
}
