package io.consentflow.bootstrap;

import io.consentflow.adapter.http.provider.SenderSettings;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {
    @Test
    void defaultsRunWithNoSetUp() {
        Config c = Config.from(Map.of());
        assertTrue(c.embeddedDatabase());
        assertEquals(Path.of("./data"), c.dataDir());
        assertEquals(8080, c.port());
        assertNull(c.apiKey());
        assertEquals("log", c.provider().provider());
        assertEquals(8, c.sendConcurrency());
        assertEquals(80, c.sendRate(), "Meta's standard throughput");
    }

    @Test
    void sendRateIsReadAndMustBeAPositiveNumber() {
        assertEquals(1_000, Config.from(Map.of("CONSENTFLOW_SEND_RATE", "1000")).sendRate());
        assertEquals(80, Config.from(Map.of("CONSENTFLOW_SEND_RATE", " ")).sendRate(), "blank: the default");
        for (String bad : new String[]{"0", "-80", "eighty", "80.5", "99999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Config.from(Map.of("CONSENTFLOW_SEND_RATE", bad)));
            assertTrue(e.getMessage().startsWith("CONSENTFLOW_SEND_RATE must be"), e.getMessage());
        }
        assertTrue(Config.from(Map.of("CONSENTFLOW_SEND_RATE", "1000")).toString().contains("sendRate=1000/s"));
    }

    @Test
    void sendConcurrencyIsReadAndMustBePositive() {
        assertEquals(32, Config.from(Map.of("CONSENTFLOW_SEND_CONCURRENCY", "32")).sendConcurrency());
        for (String bad : new String[]{"0", "-1", "many"}) {
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> Config.from(Map.of("CONSENTFLOW_SEND_CONCURRENCY", bad)))
                    .getMessage().contains("CONSENTFLOW_SEND_CONCURRENCY"), bad);
        }
    }

    @Test
    void theProviderTimeoutMustEndWellWithinTheOutboxLease() {
        assertEquals(10_000, Config.from(Map.of("CONSENTFLOW_PROVIDER", "meta", "CONSENTFLOW_META_ACCESS_TOKEN", "t",
                "CONSENTFLOW_META_PHONE_NUMBER_ID", "1", "CONSENTFLOW_PROVIDER_TIMEOUT_MS", "10000"))
                .provider().timeout().toMillis());
        for (String bad : new String[]{"0", "-5", "10001", "60000", "soon"}) {
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> Config.from(Map.of("CONSENTFLOW_PROVIDER_TIMEOUT_MS", bad)))
                    .getMessage().contains("CONSENTFLOW_PROVIDER_TIMEOUT_MS"), bad);
        }
    }

    @Test
    void anEmbeddingHostCannotSetALongerProviderTimeoutEither() {
        SenderSettings slow = new SenderSettings("meta", SenderSettings.META_DEFAULT, "t", null, null, "1",
                Duration.ofSeconds(30));
        PGSimpleDataSource notConnected = new PGSimpleDataSource();
        assertThrows(IllegalArgumentException.class, () -> Consentflow.builder(notConnected).provider(slow));
        Consentflow.builder(notConnected).provider(Config.from(Map.of()).provider());
    }

    @Test
    void aRealDatabaseAndSecretsComeFromTheEnvironment() {
        Config c = Config.from(Map.of("CONSENTFLOW_DB_URL", "jdbc:postgresql://db:5432/cf", "CONSENTFLOW_DB_USER", "cf",
                "CONSENTFLOW_DB_PASSWORD", "pw-123", "CONSENTFLOW_PORT", "9090", "CONSENTFLOW_API_KEY", "key-456",
                "CONSENTFLOW_GUPSHUP_API_KEY", "gs-789", "CONSENTFLOW_GUPSHUP_SOURCE", "917834811114"));
        assertFalse(c.embeddedDatabase());
        assertEquals(9090, c.port());
        assertEquals("gupshup", c.provider().provider());
        assertEquals("https://api.gupshup.io", c.provider().baseUrl().toString());
        String printed = c.toString();
        for (String secret : new String[]{"pw-123", "key-456", "gs-789"}) {
            assertFalse(printed.contains(secret), printed);
        }
    }

    @Test
    void metaNeedsItsNumberIdAndBadValuesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Config.from(Map.of("CONSENTFLOW_META_ACCESS_TOKEN", "t")));
        assertTrue(e.getMessage().contains("CONSENTFLOW_META_PHONE_NUMBER_ID"));
        assertEquals("meta", Config.from(Map.of("CONSENTFLOW_META_ACCESS_TOKEN", "t",
                "CONSENTFLOW_META_PHONE_NUMBER_ID", "1065")).provider().provider());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of("CONSENTFLOW_PORT", "http")))
                .getMessage().contains("CONSENTFLOW_PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of("CONSENTFLOW_PROVIDER", "twilio")))
                .getMessage().contains("CONSENTFLOW_PROVIDER"));
    }

    @Test
    void theMetricsTokenIsReadAndNeverPrinted() {
        assertEquals(null, Config.from(Map.of()).metricsToken());
        Config c = Config.from(Map.of("CONSENTFLOW_METRICS_TOKEN", "scrape-secret-9"));
        assertEquals("scrape-secret-9", c.metricsToken());
        assertFalse(c.toString().contains("scrape-secret-9"), c::toString);
    }

    @Test
    void webhookTimeoutAndPrivateAddresses() {
        Config defaults = Config.from(Map.of());
        assertEquals(10_000, defaults.webhookTimeout().toMillis());
        assertEquals(false, defaults.webhookDenyPrivate());
        Config set = Config.from(Map.of("CONSENTFLOW_WEBHOOK_TIMEOUT_MS", "2500",
                "CONSENTFLOW_WEBHOOK_DENY_PRIVATE", "TRUE"));
        assertEquals(2_500, set.webhookTimeout().toMillis());
        assertEquals(true, set.webhookDenyPrivate());
        for (String bad : new String[] {"0", "-1", "soon"}) {
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> Config.from(Map.of("CONSENTFLOW_WEBHOOK_TIMEOUT_MS", bad)))
                    .getMessage().contains("CONSENTFLOW_WEBHOOK_TIMEOUT_MS"), bad);
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Config.from(Map.of("CONSENTFLOW_WEBHOOK_DENY_PRIVATE", "yes")))
                .getMessage().contains("CONSENTFLOW_WEBHOOK_DENY_PRIVATE"));
    }
}
