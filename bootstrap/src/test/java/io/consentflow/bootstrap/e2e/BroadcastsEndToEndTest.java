package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.adapter.http.provider.StandInProvider;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broadcasts over real HTTP, delivering to a stand-in Gupshup: a group of 1,000 opted-in contacts (imported as
 * Glific's CSV) gets a template, while 10 of them opt out by Gupshup's webhook as it runs: those 10 get nothing and
 * are counted refused, every other contact gets exactly one message. A cancelled broadcast reaches the provider no
 * more once the cancel has answered. A flow broadcast starts the flow for those it may reach.
 */
class BroadcastsEndToEndTest {
    static final StandInProvider gupshup = StandInProvider.gupshup();
    @RegisterExtension
    // a call that times out may have reached the provider, so a broadcast never makes it again: on this shared
    // machine the stand-in (one call at a time) is given time enough that none does
    static final ServiceFixture service = ServiceFixture.deliveringToGupshup(gupshup, Duration.ofSeconds(9))
            .withConsentFlows();
    static final Http http = service.http();
    static final int MEMBERS = 1000;
    static final String PREFIX = "9170" + (System.nanoTime() % 1000 + 1000);
    static final List<String> phones = new ArrayList<>();
    static long group;

    @BeforeAll
    static void groupOfAThousand() {
        Http.Response t = http.post("/api/v1/templates", """
                {"name":"clinic_day","language":"en","category":"utility","body":"Hello {{1}}, the clinic opens on {{2}}"}""");
        assertEquals(201, t.status(), t.body());
        Http.Response g = http.post("/api/v1/groups", "{\"name\":\"Wave one\"}");
        assertEquals(201, g.status(), g.body());
        group = g.json().get("id").asLong();
        StringBuilder csv = new StringBuilder("phone,name,language,collection,opt_in\r\n");
        for (int i = 0; i < MEMBERS; i++) {
            String phone = PREFIX + String.format("%05d", i);
            phones.add(phone);
            csv.append(phone).append(",Member ").append(i).append(",en,Wave one,true\r\n");
        }
        Http.Response imported = http.sendBytes("POST", "/api/v1/contacts/import?filename=wave.csv",
                "text/csv; charset=utf-8", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, imported.status(), imported.body());
        assertEquals(MEMBERS, imported.json().get("optedIn").asInt(), imported.body());
    }

    static String create(String body) {
        Http.Response r = http.post("/api/v1/broadcasts", body);
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asText();
    }

    static JsonNode broadcast(String id) {
        Http.Response r = http.get("/api/v1/broadcasts/" + id);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** The template messages the provider took carrying {@code marker} as their first parameter, per phone. */
    static Map<String, Long> received(String marker) {
        return gupshup.accepted().stream().filter(r -> r.form().getOrDefault("template", "").contains(marker))
                .collect(Collectors.groupingBy(r -> r.form().get("destination"), Collectors.counting()));
    }

    /** What the failed recipients' calls answered, for a failure's message. */
    static String failures() {
        return gupshup.requests.stream().filter(r -> r.answeredStatus() / 100 != 2).map(r -> r.answeredStatus()
                + " " + r.body()).limit(3).toList().toString();
    }

    @Test
    void tenWhoOptOutWhileItRunsGetNothingAndEveryoneElseExactlyOne() {
        gupshup.acceptSlowly(2);
        try {
            String id = create("""
                    {"name":"Clinic day","template":{"name":"clinic_day","params":["friend","Monday"]},
                     "to":{"group":%d}}""".formatted(group));
            // the last ten in phone order (the order recipients are claimed in) opt out while it sends
            List<String> leaving = phones.subList(MEMBERS - 10, MEMBERS);
            long ts = Instant.now().toEpochMilli();
            for (String phone : leaving) {
                assertEquals(200, service.gupshupCallback(Gupshup.userEvent(phone, "opted-out", ts)).status());
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> broadcast(id).get("status").asText().equals("done"));

            Map<String, Long> got = received("friend");
            for (String phone : leaving) assertEquals(null, got.get(phone), "opted out meanwhile: " + phone);
            assertEquals(MEMBERS - 10, got.size());
            assertTrue(got.values().stream().allMatch(n -> n == 1), "exactly once each");

            JsonNode b = broadcast(id);
            assertEquals(0, b.get("failed").asInt(), () -> b + " " + failures());
            assertEquals(MEMBERS, b.get("recipients").asInt(), b::toString);
            assertEquals(MEMBERS - 10, b.get("sent").asInt(), b::toString);
            assertEquals(0, b.get("queued").asInt(), b::toString);
            assertEquals(0, b.get("failed").asInt(), b::toString);
            assertEquals("{\"contact_opted_out\":10}", b.get("refused").toString());
            // the contact's conversation shows the message, and the refusal with its reason
            JsonNode sent = http.get("/api/v1/contacts/" + phones.get(0) + "/messages").json();
            assertEquals("Hello friend, the clinic opens on Monday", sent.get(sent.size() - 1).get("text").asText());
            JsonNode refused = http.get("/api/v1/contacts/" + leaving.get(0) + "/messages").json();
            assertEquals("refused", refused.get(refused.size() - 1).get("status").asText(), refused::toString);
        } finally {
            gupshup.acceptAgain();
        }
    }

    @Test
    void nothingMoreReachesTheProviderOnceTheCancelHasAnswered() throws Exception {
        gupshup.acceptSlowly(20);
        try {
            String id = create("""
                    {"name":"Cancelled","template":{"name":"clinic_day","params":["neighbour","Tuesday"]},
                     "to":{"group":%d}}""".formatted(group));
            await().atMost(Duration.ofSeconds(30)).until(() -> received("neighbour").size() >= 20);
            Http.Response cancelled = http.post("/api/v1/broadcasts/" + id + "/cancel", null);
            assertEquals(200, cancelled.status(), cancelled.body());
            assertEquals("cancelled", cancelled.json().get("status").asText());
            int atAnswer = received("neighbour").size();
            Thread.sleep(1500);
            assertEquals(atAnswer, received("neighbour").size(), "nothing after the cancel answered");
            assertTrue(atAnswer < MEMBERS, "stopped early: " + atAnswer);
            JsonNode b = broadcast(id);
            assertEquals("cancelled", b.get("status").asText());
            assertEquals(atAnswer, b.get("sent").asInt(), b::toString);
            assertEquals(MEMBERS - atAnswer, b.get("queued").asInt(), b::toString);
            assertEquals(200, http.post("/api/v1/broadcasts/" + id + "/cancel", null).status(), "twice: the same");
        } finally {
            gupshup.acceptAgain();
        }
    }

    @Test
    void aFlowBroadcastStartsTheFlowForThoseItMayReachInTheirWindow() {
        String talking = Gupshup.newPhone();
        assertEquals(200, service.gupshupCallback(Gupshup.text(talking, Gupshup.newId(), "hello")).status());
        String outOfWindow = phones.get(0);
        String optedOut = Gupshup.newPhone();
        assertEquals(200, service.gupshupCallback(Gupshup.text(optedOut, Gupshup.newId(), "hello")).status());
        assertEquals(200, http.put("/api/v1/contacts/" + optedOut + "/consent",
                "{\"status\":\"opted_out\",\"note\":\"asked us on the phone\"}").status());

        String id = create("""
                {"name":"Ask again","flow":"%s","to":{"phones":["%s","%s","%s"]}}"""
                .formatted(ServiceFixture.OPTIN, talking, outOfWindow, optedOut));
        await().atMost(Duration.ofSeconds(30)).until(() -> broadcast(id).get("status").asText().equals("done"));

        JsonNode b = broadcast(id);
        assertEquals(3, b.get("recipients").asInt());
        assertEquals(1, b.get("started").asInt(), b::toString);
        assertEquals("{\"contact_opted_out\":1,\"session_window_closed\":1}", b.get("refused").toString());
        // the started run's question goes out through the outbox, to the one inside the window
        await().atMost(Duration.ofSeconds(10)).until(() -> gupshup.accepted().stream()
                .anyMatch(r -> talking.equals(r.form().get("destination"))));
        Set<String> reached = gupshup.accepted().stream().map(r -> r.form().get("destination"))
                .collect(Collectors.toSet());
        assertTrue(!reached.contains(optedOut), "the opted-out contact got nothing");
    }

    @Test
    void creatingOneAnswersProblemsNamingTheField() {
        Function<String, Http.Response> post = body -> http.post("/api/v1/broadcasts", body);
        Http.Response unknown = post.apply("""
                {"name":"x","template":{"name":"nope","params":[]},"to":{"group":%d}}""".formatted(group));
        assertEquals(422, unknown.status(), unknown.body());
        assertEquals("template_not_found", unknown.json().get("code").asText());
        assertEquals("template.name", unknown.json().get("field").asText());

        Http.Response params = post.apply("""
                {"name":"x","template":{"name":"clinic_day","params":["one"]},"to":{"group":%d}}""".formatted(group));
        assertEquals(422, params.status(), params.body());
        assertEquals("template_params_mismatch", params.json().get("code").asText());

        Http.Response noGroup = post.apply("""
                {"name":"x","template":{"name":"clinic_day","params":["a","b"]},"to":{"group":999999}}""");
        assertEquals(422, noGroup.status(), noGroup.body());
        assertEquals("to.group", noGroup.json().get("field").asText());

        Http.Response noFlow = post.apply("""
                {"name":"x","flow":"00000000-0000-4000-8000-000000000000","to":{"group":%d}}""".formatted(group));
        assertEquals(422, noFlow.status(), noFlow.body());
        assertEquals("flow", noFlow.json().get("field").asText());

        Http.Response stranger = post.apply("""
                {"name":"x","template":{"name":"clinic_day","params":["a","b"]},"to":{"phones":["919999000001"]}}""");
        assertEquals(422, stranger.status(), stranger.body());
        assertEquals("to.phones", stranger.json().get("field").asText());
        assertEquals(0, service.db().queryInt("SELECT count(*) FROM broadcasts WHERE name = 'x'"), "nothing recorded");
    }
}
