package io.consentflow.bootstrap.e2e;

import io.consentflow.adapter.http.provider.StandInProvider;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The service wired to the number's pace (CONSENTFLOW_SEND_RATE, default 80): the outbox's replies are counted in
 * the shared budget (V16's row) without waiting for it, and the provider's 429 slows it down while the reply is
 * retried and still arrives.
 */
class PaceEndToEndTest {
    static final StandInProvider gupshup = StandInProvider.gupshup();
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.deliveringToGupshup(gupshup).withConsentFlows().optinForNewContacts();
    static final Http http = service.http();

    static List<StandInProvider.Request> to(String phone) {
        return gupshup.requests.stream().filter(r -> phone.equals(r.form().get("destination"))).toList();
    }

    static void hook(String body) {
        Http.Response r = http.post("/webhooks/gupshup", body);
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void repliesAreCountedAndA429SlowsThePaceDown() {
        // the budget as V16 made it: a full burst of 80 at the first call
        service.db().execute("UPDATE send_pace SET tokens = 0, as_of = '1970-01-01T00:00:00Z', slowed_to = 0, "
                + "slowed_until = NULL");
        String p = Gupshup.newPhone();
        hook(Gupshup.text(p, Gupshup.newId(), "Hi"));
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 1);
        assertEquals(79, service.db().queryInt("SELECT floor(tokens)::int FROM send_pace"),
                "the reply was counted: 80 less one, within the second it took");
        assertEquals(1, service.db().queryInt("SELECT count(*) FROM send_pace WHERE as_of > now() - interval '1 minute'"));

        String q = Gupshup.newPhone();
        gupshup.answerAlways(new StandInProvider.Answer(429, "{\"status\":\"error\",\"message\":\"Too Many Requests\"}"));
        try {
            hook(Gupshup.text(q, Gupshup.newId(), "Hi"));
            await().atMost(Duration.ofSeconds(10)).until(() -> to(q).size() >= 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> service.db().queryInt(
                    "SELECT count(*) FROM send_pace WHERE slowed_to = 40 AND slowed_until > now()") == 1);
        } finally {
            gupshup.acceptAgain();
        }
        // a reply never waits for the pace: it is retried after its backoff (2 s) like any temporary failure
        await().atMost(Duration.ofSeconds(15)).until(() -> to(q).stream().anyMatch(r -> r.answeredStatus() == 202));
        assertEquals(1, to(q).stream().filter(r -> r.answeredStatus() == 202).count());
    }
}
