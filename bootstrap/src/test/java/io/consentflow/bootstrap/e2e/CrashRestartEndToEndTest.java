package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import io.consentflow.adapter.http.provider.StandInProvider;
import io.consentflow.adapter.persistence.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service as its own process, killed with SIGKILL in the middle of a load and started again: every webhook
 * it answered 200 is stored and was applied, and every reply it had committed is delivered exactly once.
 */
class CrashRestartEndToEndTest {

    static Process launch(TestDatabase db, int port, StandInProvider provider, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.consentflow.bootstrap.Main");
        Map<String, String> env = pb.environment();
        env.put("CONSENTFLOW_DB_URL", db.url());
        env.put("CONSENTFLOW_DB_USER", db.user());
        env.put("CONSENTFLOW_DB_PASSWORD", db.password());
        env.put("CONSENTFLOW_PORT", String.valueOf(port));
        env.put("CONSENTFLOW_PROVIDER", "gupshup");
        env.put("CONSENTFLOW_PROVIDER_BASE_URL", provider.base().toString());
        env.put("CONSENTFLOW_GUPSHUP_API_KEY", "gs-key");
        env.put("CONSENTFLOW_GUPSHUP_SOURCE", "917834811114");
        env.remove("CONSENTFLOW_API_KEY");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        Http http = new Http("http://127.0.0.1:" + port, null);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> http.get("/health").status() == 200);
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void killedDuringLoadLosesNothingAndSendsEachReplyOnce() throws Exception {
        TestDatabase db = TestDatabase.empty();
        Path log = Files.createTempFile("consentflow-crash", ".log");
        int port = freePort();
        StandInProvider gupshup = StandInProvider.gupshup();
        // Until the crash the provider fails, so every reply is committed but still in the outbox.
        gupshup.answerAlways(new StandInProvider.Answer(503, "{\"status\":\"error\"}"));
        Process first = launch(db, port, gupshup, log);
        Http http = new Http("http://127.0.0.1:" + port, null);
        try {
            ServiceFixture.importConsentFlows(http);

            Set<String> answered = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService load = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                load.submit(() -> {
                    for (int i = 0; i < 500 && !stop.get(); i++) {
                        String phone = Gupshup.newPhone();
                        String id = Gupshup.newId();
                        try {
                            if (http.post("/webhooks/gupshup", Gupshup.text(phone, id, "optin")).status() == 200) {
                                answered.add(phone);
                            }
                        } catch (RuntimeException connectionRefusedAfterKill) {
                            return;
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= 40);
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL, mid-load
            stop.set(true);
            load.shutdown();
            assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

            gupshup.acceptAgain();
            Process second = launch(db, port, gupshup, log);
            try {
                for (String phone : answered) {
                    JsonNode ms = http.get("/api/v1/contacts/" + phone + "/messages").json();
                    assertEquals(2, ms.size(), "stored and applied (question queued): " + phone + " " + ms);
                }
                // Every committed reply, including ones whose webhook never got its answer, goes out once; the
                // ones the killed instance had claimed wait for its lease (OutboxDispatcher.LEASE) to run out.
                int committed = db.queryInt("SELECT count(*) FROM messages WHERE direction = 'outbound'");
                await().atMost(Duration.ofSeconds(90)).until(() -> gupshup.accepted().size() >= committed);
                Thread.sleep(1000);
                List<String> sent = gupshup.accepted().stream().map(r -> r.form().get("message"))
                        .map(CrashRestartEndToEndTest::msgid).toList();
                Map<String, Long> perMessage = sent.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
                assertEquals(committed, perMessage.size(), "every committed reply delivered");
                assertTrue(perMessage.values().stream().allMatch(n -> n == 1), "none twice: " + perMessage);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            if (first.isAlive()) first.destroyForcibly();
            gupshup.close();
            db.close();
        }
    }

    private static String msgid(String messageJson) {
        try {
            return Http.JSON.readTree(messageJson).get("msgid").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
