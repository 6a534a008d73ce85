package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.adapter.http.provider.StandInProvider;
import io.consentflow.adapter.persistence.TestDatabase;
import io.consentflow.bootstrap.support.Http;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service as its own process, killed with SIGKILL in the middle of a broadcast to 1,000 contacts and started
 * again: it resumes where it stopped and the broadcast ends done; nobody gets a second message; the only recipients
 * without a known outcome are those whose call had started when the process died (at most
 * {@code CONSENTFLOW_SEND_CONCURRENCY}, 8 here), recorded failed {@code outcome_unknown} once their lease ran out.
 */
class BroadcastCrashRestartEndToEndTest {
    static final int MEMBERS = 1000;
    static final int CONCURRENCY = 8;

    @Test
    void killedMidBroadcastItResumesAndNobodyGetsTwo() throws Exception {
        TestDatabase db = TestDatabase.empty();
        Path log = Files.createTempFile("consentflow-broadcast-crash", ".log");
        int port = CrashRestartEndToEndTest.freePort();
        StandInProvider gupshup = StandInProvider.gupshup();
        gupshup.acceptSlowly(5); // one call at a time at the stand-in: 1,000 take 5 s or more
        Process first = CrashRestartEndToEndTest.launch(db, port, gupshup, log);
        Http http = new Http("http://127.0.0.1:" + port, null);
        try {
            assertEquals(201, http.post("/api/v1/templates", """
                    {"name":"clinic_day","language":"en","category":"utility","body":"Hello {{1}}"}""").status());
            Http.Response g = http.post("/api/v1/groups", "{\"name\":\"Everyone\"}");
            assertEquals(201, g.status(), g.body());
            StringBuilder csv = new StringBuilder("phone,name,language,collection,opt_in\r\n");
            for (int i = 0; i < MEMBERS; i++) csv.append("9180000").append(String.format("%05d", i))
                    .append(",M").append(i).append(",en,Everyone,true\r\n");
            Http.Response imported = http.sendBytes("POST", "/api/v1/contacts/import", "text/csv",
                    csv.toString().getBytes(StandardCharsets.UTF_8));
            assertEquals(200, imported.status(), imported.body());
            Http.Response created = http.post("/api/v1/broadcasts", """
                    {"name":"Crash","template":{"name":"clinic_day","params":["friend"]},"to":{"group":%d}}"""
                    .formatted(g.json().get("id").asLong()));
            assertEquals(201, created.status(), created.body());
            String id = created.json().get("id").asText();

            await().atMost(Duration.ofSeconds(60)).until(() -> gupshup.requests.size() >= 150);
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL, mid-broadcast
            int beforeRestart = gupshup.requests.size();
            assertTrue(beforeRestart < MEMBERS, "killed mid-broadcast: " + beforeRestart);

            Process second = CrashRestartEndToEndTest.launch(db, port, gupshup, log);
            try {
                // the killed instance's claims come back when their lease (BroadcastSender.LEASE, 40 s) runs out
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> http.get("/api/v1/broadcasts/" + id).json().get("status").asText().equals("done"));
                Map<String, Long> got = gupshup.requests.stream()
                        .collect(Collectors.groupingBy(r -> r.form().get("destination"), Collectors.counting()));
                assertTrue(got.values().stream().allMatch(n -> n == 1), "nobody twice: " + got.entrySet().stream()
                        .filter(e -> e.getValue() > 1).toList());

                JsonNode b = http.get("/api/v1/broadcasts/" + id).json();
                int sent = b.get("sent").asInt();
                int failed = b.get("failed").asInt();
                assertEquals(MEMBERS, sent + failed, b::toString);
                assertEquals(0, b.get("queued").asInt(), b::toString);
                assertTrue(failed <= CONCURRENCY, "only calls that had started: " + b);
                assertEquals(failed, db.queryInt("SELECT count(*) FROM broadcast_recipients"
                        + " WHERE state = 'failed' AND reason = 'outcome_unknown'"));
                // a call whose outcome is unknown may or may not have reached the provider; every other got one
                assertTrue(got.size() >= sent && got.size() <= MEMBERS, got.size() + " reached, " + b);
                assertEquals(sent, db.queryInt("SELECT count(*) FROM messages WHERE broadcast_id IS NOT NULL"
                        + " AND status = 'enqueued'"));
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
}
