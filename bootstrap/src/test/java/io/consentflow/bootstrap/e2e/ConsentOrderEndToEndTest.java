package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Findings of the outside probe about what a consent change or a duplicate leaves behind: a duplicate creates
 * nothing, a consent change is timed after the lock it waited for, and Meta's "resume" lifts only Meta's own stop.
 */
class ConsentOrderEndToEndTest {
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.withHookToken("hook-token");
    static final Http http = service.http();

    static JsonNode consent(String phone) {
        return http.get("/api/v1/contacts/" + phone).json().get("consent");
    }

    @Test
    void aDuplicateProviderIdFromAnotherPhoneCreatesNothing() {
        String first = Gupshup.newPhone();
        String other = Gupshup.newPhone();
        String id = Gupshup.newId();
        assertEquals(200, service.gupshupCallback(Gupshup.text(first, id, "hello")).status());
        assertEquals(200, service.gupshupCallback(Gupshup.text(other, id, "hello")).status(), "a duplicate is answered 200");
        assertEquals(404, http.get("/api/v1/contacts/" + other).status(), "no contact made for the duplicate's phone");
        assertEquals(0, service.db().queryInt("SELECT count(*) FROM contacts WHERE phone = '" + other + "'"));
        assertEquals(0, service.db().queryInt("SELECT count(*) FROM messages WHERE phone = '" + other + "'"));
        assertEquals(1, http.get("/api/v1/contacts/" + first + "/messages").json().size());
    }

    @Test
    void aConsentChangeThatWaitedForTheContactsLockIsTimedAfterIt() throws Exception {
        String p = Gupshup.newPhone();
        assertEquals(200, service.gupshupCallback(Gupshup.text(p, Gupshup.newId(), "hi")).status());
        Instant released;
        CompletableFuture<Http.Response> optOut;
        try (Connection holder = DriverManager.getConnection(service.db().url(), service.db().user(),
                service.db().password())) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT phone FROM contacts WHERE phone = '" + p + "' FOR UPDATE");
            }
            optOut = CompletableFuture.supplyAsync(() ->
                    http.put("/api/v1/contacts/" + p + "/consent", "{\"status\":\"opted_out\",\"note\":\"asked\"}"));
            // the request reaches the lock and waits there
            Thread.sleep(1_500);
            assertFalse(optOut.isDone(), "the consent change waits for the contact's lock");
            released = Instant.now();
            holder.commit();
        }
        assertEquals(200, optOut.get(10, TimeUnit.SECONDS).status());
        Instant at = Instant.parse(consent(p).get("at").asText());
        assertFalse(at.isBefore(released.minusMillis(50)), "recorded at " + at + ", lock released at " + released);
        JsonNode history = http.get("/api/v1/contacts/" + p + "/consent-history").json();
        assertEquals(at, Instant.parse(history.get(history.size() - 1).get("at").asText()));
    }

    @Test
    void metaResumeLiftsOnlyMetasOwnStop() {
        String stopped = Gupshup.newPhone();
        assertEquals(200, metaPreference(stopped, "stop"));
        assertEquals("opted_out", consent(stopped).get("marketing").asText());
        assertEquals("unknown", consent(stopped).get("status").asText(), "a marketing stop is no opt-out");
        assertEquals(200, metaPreference(stopped, "resume"));
        assertEquals("opted_in", consent(stopped).get("marketing").asText(), "a resume lifts Meta's own stop");
        assertEquals("unknown", consent(stopped).get("status").asText(), "a preference toggle is not consent");

        // an opt-out Meta's stop recorded before stops had a topic of their own (consent itself, method bsp)
        String stoppedBefore = Gupshup.newPhone();
        assertEquals(200, service.gupshupCallback(Gupshup.text(stoppedBefore, Gupshup.newId(), "hi")).status());
        service.db().execute("UPDATE contacts SET consent_status = 'opted_out', consent_method = 'bsp', "
                + "consent_evidence = 'meta:user_preferences:stop', consent_at = now(), status = 'invalid' "
                + "WHERE phone = '" + stoppedBefore + "'");
        assertEquals(200, metaPreference(stoppedBefore, "resume"));
        assertEquals("opted_in", consent(stoppedBefore).get("status").asText(), "a resume lifts Meta's own stop");

        String optedOutElsewhere = Gupshup.newPhone();
        assertEquals(200, service.gupshupCallback(Gupshup.text(optedOutElsewhere, Gupshup.newId(), "hi")).status());
        assertEquals(200, http.put("/api/v1/contacts/" + optedOutElsewhere + "/consent",
                "{\"status\":\"opted_out\",\"note\":\"said stop to staff\"}").status());
        assertEquals(200, metaPreference(optedOutElsewhere, "resume"));
        assertEquals("opted_out", consent(optedOutElsewhere).get("status").asText(),
                "a resume never lifts an opt-out the contact gave another way");
        JsonNode history = http.get("/api/v1/contacts/" + optedOutElsewhere + "/consent-history").json();
        assertEquals(2, history.size(), "the opt-out, and the marketing resume under its own topic");
        assertEquals(List.of("all", "marketing"), java.util.stream.StreamSupport.stream(history.spliterator(), false)
                .map(h -> h.get("topic").asText()).sorted().toList());

        String neverAsked = Gupshup.newPhone();
        assertEquals(200, service.gupshupCallback(Gupshup.text(neverAsked, Gupshup.newId(), "hi")).status());
        assertEquals(200, metaPreference(neverAsked, "resume"));
        assertEquals("unknown", consent(neverAsked).get("status").asText(), "a preference toggle is not consent");
    }

    /** Unsigned: this service has no Meta app secret. */
    static int metaPreference(String phone, String value) {
        long now = System.currentTimeMillis() / 1000;
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"user_preferences\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Meena\"},\"wa_id\":\"" + phone + "\"}],"
                + "\"user_preferences\":[{\"wa_id\":\"" + phone + "\",\"detail\":\"marketing\","
                + "\"category\":\"marketing_messages\",\"value\":\"" + value + "\",\"timestamp\":" + now + "}]}}]}]}";
        return http.post("/webhooks/meta", body).status();
    }
}
