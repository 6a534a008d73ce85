package io.consentflow.adapter.http;

import io.consentflow.application.port.in.ManageBroadcastsUseCase.NewBroadcast;
import io.consentflow.domain.broadcast.Audience;
import io.consentflow.domain.broadcast.BroadcastContent;
import io.consentflow.domain.contact.Phone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.consentflow.adapter.http.TestServer.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broadcast routes over real HTTP, on fake use cases: what a body asks for, the answers, bad input. */
class BroadcastRoutesTest {
    @RegisterExtension
    final TestServer server = TestServer.open();

    @Test
    void aBroadcastIsCreatedReadListedAndCancelled() throws Exception {
        TestServer.Reply created = server.post("/api/v1/broadcasts", """
                {"name":" Clinic day ","template":{"name":"clinic_day","params":["Asha","Monday"]},
                 "to":{"phones":["+919812345678","919812345678","919812345679"]},"at":"2026-12-01T09:00:00+05:30"}""");

        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();
        assertEquals(MAPPER.readTree("{\"id\":\"" + id + "\",\"status\":\"scheduled\"}"), created.json());
        assertEquals(List.of(new NewBroadcast("Clinic day",
                new BroadcastContent.TemplateSend("clinic_day", List.of("Asha", "Monday")),
                new Audience.Phones(List.of(new Phone("919812345678"), new Phone("919812345679"))),
                Instant.parse("2026-12-01T03:30:00Z"))), server.fakes.calls(NewBroadcast.class), "each phone once");

        TestServer.Reply read = server.get("/api/v1/broadcasts/" + id);
        assertEquals(200, read.status(), read::toString);
        assertEquals(MAPPER.readTree("""
                {"id":"ID","name":"Clinic day","status":"scheduled","template":{"name":"clinic_day","params":["Asha","Monday"]},
                 "to":{"phoneCount":2},"at":"2026-12-01T03:30:00Z","createdAt":"2026-03-01T00:00:00Z","recipients":0,
                 "queued":0,"sent":0,"delivered":0,"read":0,"failed":0,"refused":{}}""".replace("ID", id)), read.json());
        assertEquals(1, server.get("/api/v1/broadcasts").json().size());

        TestServer.Reply cancelled = server.post("/api/v1/broadcasts/" + id + "/cancel", "");
        assertEquals(200, cancelled.status(), cancelled::toString);
        assertEquals("cancelled", cancelled.json().path("status").asText());
    }

    @Test
    void aFlowBroadcastToAGroupShowsItsStartedRuns() {
        TestServer.Reply created = server.post("/api/v1/broadcasts", """
                {"name":"Ask","flow":"5b3c1d2e-0000-4a6b-9c8d-111111111111","to":{"group":7}}""");
        assertEquals(201, created.status(), created::toString);
        TestServer.Reply read = server.get("/api/v1/broadcasts/" + created.json().path("id").asText());
        assertEquals("5b3c1d2e-0000-4a6b-9c8d-111111111111", read.json().path("flow").asText());
        assertEquals(7, read.json().path("to").path("group").asLong());
        assertEquals(0, read.json().path("started").asInt());
        assertTrue(read.json().path("template").isMissingNode());
    }

    @Test
    void theListIsPagedByIdWithTheNextPageInLink() {
        for (String name : List.of("a", "b", "c")) {
            assertEquals(201, server.post("/api/v1/broadcasts", """
                    {"name":"%s","flow":"f","to":{"group":1}}""".formatted(name)).status());
        }
        TestServer.Reply first = server.get("/api/v1/broadcasts?limit=2");
        assertEquals(2, first.json().size());
        assertEquals("/api/v1/broadcasts?limit=2&cursor=" + first.json().get(1).path("id").asText(), first.link());
        TestServer.Reply second = server.get(first.link());
        assertEquals(1, second.json().size());
        assertEquals(null, second.link());
    }

    @Test
    void whatTheServiceRefusesIs422WithItsCodeAndField() {
        TestServer.Reply r = server.post("/api/v1/broadcasts", """
                {"name":"x","template":{"name":"unknown"},"to":{"group":1}}""");
        assertEquals(422, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals("template_not_found", r.json().path("code").asText());
        assertEquals("template.name", r.json().path("field").asText());
    }

    @Test
    void unknownIsA404AndADoneBroadcastCannotBeCancelled() {
        assertEquals(404, server.get("/api/v1/broadcasts/" + UUID.randomUUID()).status());
        assertEquals(404, server.post("/api/v1/broadcasts/" + UUID.randomUUID() + "/cancel", "").status());
        String id = server.post("/api/v1/broadcasts", "{\"name\":\"done\",\"flow\":\"f\",\"to\":{\"group\":1}}")
                .json().path("id").asText();
        TestServer.Reply r = server.post("/api/v1/broadcasts/" + id + "/cancel", "");
        assertEquals(409, r.status(), r::toString);
        assertEquals("broadcast_done", r.json().path("code").asText());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"template\":{\"name\":\"t\"},\"to\":{\"group\":1}}`                                   | name",
            "`{\"name\":\"  \",\"template\":{\"name\":\"t\"},\"to\":{\"group\":1}}`                   | name",
            "`{\"name\":\"x\",\"to\":{\"group\":1}}`                                                  | template",
            "`{\"name\":\"x\",\"template\":{\"name\":\"t\"},\"flow\":\"f\",\"to\":{\"group\":1}}`     | template",
            "`{\"name\":\"x\",\"template\":{\"params\":[]},\"to\":{\"group\":1}}`                     | template.name",
            "`{\"name\":\"x\",\"template\":{\"name\":\"t\",\"params\":[null]},\"to\":{\"group\":1}}`  | template.params[0]",
            "`{\"name\":\"x\",\"template\":{\"name\":\"t\",\"params\":\"a\"},\"to\":{\"group\":1}}`   | template.params",
            "`{\"name\":\"x\",\"template\":{\"name\":\"t\",\"language\":\"en\"},\"to\":{\"group\":1}}` | template.language",
            "`{\"name\":\"x\",\"flow\":\" \",\"to\":{\"group\":1}}`                                   | flow",
            "`{\"name\":\"x\",\"flow\":\"f\"}`                                                        | to",
            "`{\"name\":\"x\",\"flow\":\"f\",\"to\":{}}`                                              | to",
            "`{\"name\":\"x\",\"flow\":\"f\",\"to\":{\"group\":1,\"phones\":[\"919812345678\"]}}`     | to",
            "`{\"name\":\"x\",\"flow\":\"f\",\"to\":{\"group\":0}}`                                   | to.group",
            "`{\"name\":\"x\",\"flow\":\"f\",\"to\":{\"group\":\"seven\"}}`                           | to.group",
            "`{\"name\":\"x\",\"flow\":\"f\",\"to\":{\"phones\":[]}}`                                 | to.phones",
            "`{\"name\":\"x\",\"flow\":\"f\",\"to\":{\"phones\":[\"919812345678\",\"12ab\"]}}`        | to.phones[1]",
            "`{\"name\":\"x\",\"flow\":\"f\",\"to\":{\"group\":1},\"at\":\"tomorrow\"}`               | at",
            "`{\"name\":\"x\",\"flow\":\"f\",\"to\":{\"group\":1},\"at\":\"2026-12-01T09:00:00\"}`    | at",
            "`{\"name\":\"x\",\"flow\":\"f\",\"to\":{\"group\":1},\"when\":\"now\"}`                  | when",
            "`[]`                                                                                     | body",
    })
    void aBadBodyIs400NamingTheFieldAndCreatesNothing(String body, String field) {
        TestServer.Reply r = server.post("/api/v1/broadcasts", body);

        assertEquals(400, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals(field, r.json().path("field").asText(), r::toString);
        assertTrue(server.fakes.calls.isEmpty());
        assertTrue(server.fakes.broadcasts.isEmpty());
    }

    @Test
    void anIdThatIsNoUuidIs400() {
        TestServer.Reply r = server.get("/api/v1/broadcasts/12");
        assertEquals(400, r.status(), r::toString);
        assertEquals("id", r.json().path("field").asText());
        assertEquals(400, server.get("/api/v1/broadcasts?cursor=nope").status());
        assertEquals(400, server.get("/api/v1/broadcasts?limit=0").status());
    }
}
