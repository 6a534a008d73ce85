package io.consentflow.bootstrap.fuzz;

import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.RunningService;
import io.consentflow.adapter.persistence.TestDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One running service (the whole of it, as {@code Main} starts it, on a fresh PostgreSQL database) with a fuzz
 * runner and a database fingerprint; the fuzz test classes each own one.
 */
final class FuzzSuite implements AutoCloseable {
    static final String HOOK_TOKEN = "hook-token";
    static final String FIXTURE = "fixtures/consent-flows.json";
    static final String CONSENT_FLOW = "5b3c1d2e-0000-4a6b-9c8d-111111111111";
    static final String UNSUBSCRIBE_FLOW = "5b3c1d2e-0000-4a6b-9c8d-222222222222";
    private static final Logger LOG = LoggerFactory.getLogger(FuzzSuite.class);

    final String name;
    final RunningService service;
    final Http http;
    final FuzzHttp client;
    final DbFingerprint db;
    final FuzzRunner runner;
    final int port;
    private final long started = System.nanoTime();

    FuzzSuite(String name) {
        this.name = name;
        TestDatabase database = TestDatabase.empty();
        // this test database only: a commit need not wait for the disk (the fuzzers commit thousands of times);
        // what a transaction sees and what a rollback undoes are unchanged
        String dbName = database.url().replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        database.execute("ALTER DATABASE " + dbName + " SET synchronous_commit = off");
        this.service = new RunningService(database, HOOK_TOKEN);
        this.http = service.http;
        this.port = port(service);
        this.client = new FuzzHttp(port);
        this.db = new DbFingerprint(service.db);
        this.runner = new FuzzRunner(client, db);
        System.out.println("[fuzz] " + name + ": " + FuzzConfig.describe());
    }

    /** The service's port, which RunningService keeps to itself (in its Http helper's base URL, and its Main.Service). */
    private static int port(RunningService service) {
        try {
            var f = Http.class.getDeclaredField("base");
            f.setAccessible(true);
            return URI.create((String) f.get(service.http)).getPort();
        } catch (ReflectiveOperationException | RuntimeException e) {
            try {
                var f = RunningService.class.getDeclaredField("service");
                f.setAccessible(true);
                return ((io.consentflow.bootstrap.Main.Service) f.get(service)).port();
            } catch (ReflectiveOperationException e2) {
                throw new IllegalStateException("cannot find the running service's port", e2);
            }
        }
    }

    void importFixture() {
        Http.Response r = http.post("/api/v1/flows/import", new String(Corpus.resource(FIXTURE), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.body());
    }

    /** {@code n} phones that talk to the service (so they are contacts), from a seeded stream. */
    List<String> contacts(java.util.Random rnd, int n, String prefix) {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String p = prefix + String.format("%07d", rnd.nextInt(10_000_000));
            phones.add(p);
            Http.Response r = http.post("/webhooks/gupshup?token=" + HOOK_TOKEN, Gupshup.text(p, Gupshup.newId(), "hello"));
            assertEquals(200, r.status(), r.body());
        }
        return phones;
    }

    /** Headers every API request carries. */
    static Map<String, String> apiKey() {
        return Map.of("Authorization", "Bearer " + RunningService.API_KEY);
    }

    void finish() {
        long ms = (System.nanoTime() - started) / 1_000_000;
        String report = "[fuzz] " + name + " finished in " + ms + " ms; " + FuzzConfig.describe() + "\n" + runner.report();
        System.out.println(report);
        LOG.warn(report);
    }

    @Override
    public void close() {
        runner.close();
        client.close();
        db.close();
        service.close();
    }
}
