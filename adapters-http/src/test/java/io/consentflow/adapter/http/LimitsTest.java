package io.consentflow.adapter.http;

import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.message.InboundMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounds on what one request may carry: a contact name and a provider id of 256 characters, 1,000 keywords per
 * flow, and the flow list in pages: without them one request could store a name or id of any size, or make every
 * later import slow with hundreds of thousands of keywords.
 */
class LimitsTest {
    @RegisterExtension
    final TestServer server = TestServer.open();

    private static String gupshup(String id, String name) {
        return "{\"type\":\"message\",\"payload\":{\"id\":\"" + id + "\",\"source\":\"919812345678\",\"type\":\"text\","
                + "\"payload\":{\"text\":\"hi\"},\"sender\":{\"phone\":\"919812345678\",\"name\":\"" + name + "\"}}}";
    }

    private static void assertRefused(int status, String field, TestServer.Reply r) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.isProblem(), r::toString);
        assertEquals(field, r.json().path("field").asText(), r::toString);
        assertTrue(r.body().length() < 2000, "the refusal does not echo the input: " + r.body().length());
    }

    @Test
    void aNameOrProviderIdOver256CharactersIsRefusedNamingIt() {
        assertRefused(400, "payload.sender.name", server.post("/webhooks/gupshup", gupshup("g1", "n".repeat(100_000))));
        assertRefused(400, "payload.id", server.post("/webhooks/gupshup", gupshup("i".repeat(100_000), "Asha")));
        assertTrue(server.fakes.calls.isEmpty(), () -> "called: " + server.fakes.calls);

        assertEquals(200, server.post("/webhooks/gupshup", gupshup("i".repeat(256), "n".repeat(256))).status());
        assertEquals(1, server.fakes.calls(InboundMessage.class).size());
    }

    @Test
    void aMetaItemWithAnOverlongIdIsSkippedAndAnOverlongNameLeftOut() {
        String body = "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{"
                + "\"contacts\":[{\"wa_id\":\"447700900123\",\"profile\":{\"name\":\"" + "n".repeat(5000) + "\"}}],"
                + "\"messages\":[{\"from\":\"447700900123\",\"id\":\"" + "w".repeat(5000) + "\",\"timestamp\":\"1767225600\","
                + "\"type\":\"text\",\"text\":{\"body\":\"a\"}},{\"from\":\"447700900123\",\"id\":\"wamid.ok\","
                + "\"timestamp\":\"1767225600\",\"type\":\"text\",\"text\":{\"body\":\"b\"}}]}}]}]}";

        TestServer.Reply r = server.post("/webhooks/meta", body);

        assertEquals(200, r.status(), r::toString);
        List<InboundMessage> in = server.fakes.calls(InboundMessage.class);
        assertEquals(1, in.size());
        assertEquals("wamid.ok", in.get(0).providerId());
        assertEquals(null, in.get(0).senderName());
    }

    @Test
    void moreThanAThousandKeywordsIs422NamingTheField() {
        StringBuilder keywords = new StringBuilder();
        for (int i = 0; i < 1001; i++) keywords.append(i == 0 ? "" : ",").append("\"k").append(i).append('"');
        String definition = "{\"uuid\":\"5b3c1d2e-0000-4a6b-9c8d-111111111111\",\"name\":\"N\",\"nodes\":[]}";

        assertRefused(422, "flows[0].keywords", server.post("/api/v1/flows/import",
                "{\"flows\":[{\"definition\":" + definition + ",\"keywords\":[" + keywords + "]}]}"));
        assertRefused(422, "keywords", server.post("/api/v1/flows/import?keywords="
                + keywords.toString().replace("\"", ""), definition));
        assertTrue(server.fakes.calls.isEmpty(), () -> "called: " + server.fakes.calls);
    }

    @Test
    void theFlowListPagesByUuidWithALinkToTheNextPage() {
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String uuid = String.format("%08x-0000-4000-8000-000000000000", 250 - i);
            uuids.add(uuid);
            server.fakes.flows.put(uuid, new StoredFlow(Fakes.flow(uuid, "F" + i, List.of(), false, true), "{}",
                    Instant.EPOCH));
        }
        uuids.sort(null);

        TestServer.Reply first = server.get("/api/v1/flows");
        assertEquals(200, first.status(), first::toString);
        assertEquals(100, first.json().size(), "default page: 100");
        assertEquals(uuids.get(0), first.json().get(0).path("uuid").asText());
        String cursor = first.json().get(99).path("uuid").asText();
        List<String> seen = new ArrayList<>();
        first.json().forEach(f -> seen.add(f.path("uuid").asText()));
        String next = "/api/v1/flows?limit=100&cursor=" + cursor;
        while (next != null) {
            TestServer.Reply page = server.get(next);
            assertEquals(200, page.status(), page::toString);
            page.json().forEach(f -> seen.add(f.path("uuid").asText()));
            next = page.link();
        }
        assertEquals(uuids, seen);

        assertEquals(3, server.get("/api/v1/flows?limit=3").json().size());
        assertRefused(400, "limit", server.get("/api/v1/flows?limit=1001"));
        assertRefused(400, "limit", server.get("/api/v1/flows?limit=0"));
        assertRefused(400, "limit", server.get("/api/v1/flows?limit=ten"));
        assertFalse(server.get("/api/v1/flows?limit=1000").json().size() > 1000);
    }
}
