package io.consentflow.bootstrap.console;

import io.consentflow.adapter.http.provider.StandInProvider;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.RunningService;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.consentflow.bootstrap.console.ConsoleClient.form;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console over real HTTP against the running service, delivering to a stand-in Gupshup: the session cookie's
 * attributes, sign-in and sign-out, CSRF, escaping, recording consent, and the simulator's replies never reaching
 * the provider.
 */
class ConsoleHttpEndToEndTest {
    static final StandInProvider gupshup = StandInProvider.gupshup();
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.deliveringToGupshup(gupshup).withConsentFlows()
            .optinForNewContacts();
    static final Http http = service.http();

    ConsoleClient console() {
        return new ConsoleClient(http.base());
    }

    ConsoleClient signedIn() {
        ConsoleClient c = console();
        assertEquals(303, c.signIn(RunningService.API_KEY).status());
        return c;
    }

    @Test
    void theRootLeadsToTheConsoleAndTheConsoleToSignIn() {
        ConsoleClient c = console();
        assertEquals("/console", c.get("/").location());
        ConsoleClient.Page page = c.get("/console");
        assertEquals(303, page.status());
        assertEquals("/console/sign-in", page.location());
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndSecureBehindHttps() {
        ConsoleClient.Page plain = console().get("/console/sign-in");
        assertEquals(200, plain.status());
        assertTrue(plain.setCookie().contains("HttpOnly"), plain.setCookie());
        assertTrue(plain.setCookie().contains("SameSite=Strict"), plain.setCookie());
        assertFalse(plain.setCookie().contains("Secure"), plain.setCookie());
        assertTrue(plain.response().headers().firstValue("Content-Security-Policy").orElse("")
                .contains("script-src 'self'"));
        ConsoleClient.Page proxied = console().get("/console/sign-in", "X-Forwarded-Proto", "https");
        assertTrue(proxied.setCookie().contains("; Secure"), proxied.setCookie());
    }

    @Test
    void aWrongKeyIsRefusedWithoutSayingWhatWasWrongAndTheRightOneSignsIn() {
        ConsoleClient c = console();
        ConsoleClient.Page wrong = c.signIn("not-the-key");
        assertEquals(401, wrong.status());
        assertTrue(wrong.body().contains("That key did not sign you in."), wrong.body());
        assertEquals(303, c.get("/console").status());

        String before = c.cookie;
        ConsoleClient.Page right = c.post("/console/sign-in", form("csrf", wrong.csrf(), "key", RunningService.API_KEY));
        assertEquals(303, right.status());
        assertNotEquals(before, c.cookie, "signing in gives a new session");
        assertEquals(200, c.get("/console").status());

        ConsoleClient.Page dashboard = c.get("/console");
        assertEquals(303, c.post("/console/sign-out", form("csrf", dashboard.csrf())).status());
        assertNull(c.cookie, "the cookie is cleared");
        c.cookie = right.setCookie().split(";", 2)[0];
        assertEquals(303, c.get("/console").status(), "the old session is over");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenChangesNothing() {
        String phone = Gupshup.newPhone();
        assertEquals(200, http.post("/webhooks/gupshup", Gupshup.text(phone, Gupshup.newId(), "Hi")).status());
        ConsoleClient c = signedIn();
        ConsoleClient.Page refused = c.post("/console/contacts/" + phone + "/consent",
                form("status", "opted_out", "note", "forged"));
        assertEquals(403, refused.status());
        ConsoleClient.Page forged = c.post("/console/contacts/" + phone + "/consent",
                form("csrf", "someone-elses-token", "status", "opted_out", "note", "forged"));
        assertEquals(403, forged.status());
        assertEquals("unknown", http.get("/api/v1/contacts/" + phone).json().get("consent").get("status").asText());

        ConsoleClient.Page page = c.get("/console/contacts/" + phone);
        ConsoleClient.Page recorded = c.post("/console/contacts/" + phone + "/consent",
                form("csrf", page.csrf(), "status", "opted_out", "note", "asked at the clinic"));
        assertEquals(303, recorded.status());
        var history = http.get("/api/v1/contacts/" + phone + "/consent-history").json();
        assertEquals("opted_out", history.get(history.size() - 1).get("to").asText());
        assertEquals("api", history.get(history.size() - 1).get("method").asText());
        assertEquals("asked at the clinic", history.get(history.size() - 1).get("evidence").asText());
        assertTrue(c.get("/console/contacts/" + phone).body().contains("asked at the clinic"));
    }

    @Test
    void aContactsNameIsShownAsTextNeverAsMarkup() {
        String phone = Gupshup.newPhone();
        String body = Gupshup.text(phone, Gupshup.newId(), "<img src=x onerror=alert(1)>")
                .replace("\"name\":\"Asha\"", "\"name\":\"<script>alert('x')</script>\"");
        assertEquals(200, http.post("/webhooks/gupshup", body).status());
        String page = signedIn().get("/console/contacts/" + phone).body();
        assertTrue(page.contains("&lt;script&gt;alert('x')&lt;/script&gt;"), page);
        assertFalse(page.contains("<script>alert"), page);
        assertFalse(page.contains("<img src=x"), page);
    }

    @Test
    void theSimulatorsRepliesAreShownAndNeverReachTheProvider() {
        ConsoleClient c = signedIn();
        ConsoleClient.Page sim = c.get("/console/simulator");
        String phone = sim.body().replaceAll("(?s).*/console/contacts/(999\\d+).*", "$1");
        assertTrue(phone.startsWith("999"), phone);
        assertEquals(303, c.post("/console/simulator/send", form("csrf", sim.csrf(), "text", "Hi")).status());
        assertTrue(c.get("/console/simulator").body().contains("May we send you updates"));
        assertEquals(303, c.post("/console/simulator/send",
                form("csrf", sim.csrf(), "kind", "quick_reply", "text", "👍")).status());
        assertEquals("opted_in", http.get("/api/v1/contacts/" + phone).json().get("consent").get("status").asText());

        // a real contact's reply goes out meanwhile: the outbox ran, and still nothing went to the test contact
        String real = Gupshup.newPhone();
        assertEquals(200, http.post("/webhooks/gupshup", Gupshup.text(real, Gupshup.newId(), "Hi")).status());
        await().atMost(Duration.ofSeconds(10)).until(() -> gupshup.requests.stream()
                .anyMatch(r -> r.body().contains(real)));
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/contacts/" + phone + "/messages").json()
                .findValuesAsText("status").stream().noneMatch("queued"::equals));
        assertTrue(gupshup.requests.stream().noneMatch(r -> r.body().contains(phone)), "nothing sent to " + phone);
    }

    /** The figures the dashboard shows, by their {@code data-figure} names. */
    static java.util.Map<String, Long> figures(String page) {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        var m = java.util.regex.Pattern.compile("data-figure=\"([^\"]+)\">(\\d+)<").matcher(page);
        while (m.find()) out.put(m.group(1), Long.parseLong(m.group(2)));
        return out;
    }

    /**
     * What the API says happened to three new contacts, the dashboard counts too: its figures move by exactly
     * that (other tests of the class add their own contacts, so only the change is compared).
     */
    @Test
    void theDashboardsFiguresMatchTheApi() {
        ConsoleClient c = signedIn();
        var before = figures(c.get("/console").body());
        String in = Gupshup.newPhone();
        String out = Gupshup.newPhone();
        String waiting = Gupshup.newPhone();
        for (String p : java.util.List.of(in, out, waiting)) {
            assertEquals(200, http.post("/webhooks/gupshup", Gupshup.text(p, Gupshup.newId(), "Hi")).status());
        }
        assertEquals(200, http.post("/webhooks/gupshup", Gupshup.buttonReply(in, Gupshup.newId(), "👍")).status());
        assertEquals(200, http.post("/webhooks/gupshup", Gupshup.buttonReply(out, Gupshup.newId(), "👍")).status());
        assertEquals(200, http.put("/api/v1/contacts/" + out + "/consent",
                "{\"status\":\"opted_out\",\"note\":\"asked\"}").status());
        java.util.Map<String, Long> api = new java.util.HashMap<>();
        for (String p : java.util.List.of(in, out, waiting)) {
            var contact = http.get("/api/v1/contacts/" + p).json();
            api.merge("consent-" + contact.get("consent").get("status").asText(), 1L, Long::sum);
            api.merge("status-" + contact.get("status").asText(), 1L, Long::sum);
            for (var change : http.get("/api/v1/contacts/" + p + "/consent-history").json()) {
                api.merge(change.get("to").asText().equals("opted_in") ? "optins" : "optouts", 1L, Long::sum);
            }
        }
        var after = figures(c.get("/console").body());
        assertEquals(3L, after.get("contacts") - before.get("contacts"));
        for (String figure : java.util.List.of("consent-unknown", "consent-opted_in", "consent-opted_out",
                "status-valid", "status-invalid", "status-blocked", "optins", "optouts")) {
            assertEquals(api.getOrDefault(figure, 0L), after.get(figure) - before.get(figure), figure);
        }
        assertTrue(after.containsKey("outbox"), after.toString());
    }

    @Test
    void theApiReferenceIsServedWithoutTheKeyAndTheApiStillNeedsIt() {
        ConsoleClient c = console();
        ConsoleClient.Page spec = c.get("/openapi.json");
        assertEquals(200, spec.status());
        assertTrue(spec.body().contains("\"openapi\" : \"3.1.0\""), spec.body());
        ConsoleClient.Page docs = c.get("/api/docs");
        assertEquals(200, docs.status());
        assertTrue(docs.body().contains("PUT /api/v1/contacts/{phone}/consent"), docs.body());
        assertEquals(401, c.get("/api/v1/settings").status(), "the key is still required everywhere else");
    }

    @Test
    void aSearchWithAFilterItDoesNotKnowIsRefusedNamingTheField() {
        ConsoleClient c = signedIn();
        ConsoleClient.Page consent = c.get("/console/contacts?consent=maybe");
        assertEquals(400, consent.status());
        assertTrue(consent.body().contains("Consent: choose unknown, opted in or opted out."), consent.body());
        ConsoleClient.Page group = c.get("/console/contacts?group=x1");
        assertEquals(400, group.status());
        assertTrue(group.body().contains("Group: choose one of the groups listed."), group.body());
        ConsoleClient.Page after = c.get("/console/contacts?after=not-a-phone");
        assertEquals(400, after.status());
        assertTrue(after.body().contains("start from the first page"), after.body());
        assertEquals(400, c.get("/console/contacts?q=" + "a".repeat(257)).status());
    }

    @Test
    void aWholeNumberOpensItsContactAndAPrefixListsThem() {
        String phone = Gupshup.newPhone();
        assertEquals(200, http.post("/webhooks/gupshup", Gupshup.text(phone, Gupshup.newId(), "Hi")).status());
        ConsoleClient c = signedIn();
        assertEquals("/console/contacts/" + phone, c.get("/console/contacts?q=%2B" + phone).location());
        ConsoleClient.Page prefix = c.get("/console/contacts?q=" + phone.substring(0, phone.length() - 2));
        assertEquals(200, prefix.status());
        assertTrue(prefix.body().contains("data-phone=\"" + phone + "\""), prefix.body());
    }

    @Test
    void blockAndUnblockGoThroughTheFormsTokenAndTheContactsUseCase() {
        String phone = Gupshup.newPhone();
        assertEquals(200, http.post("/webhooks/gupshup", Gupshup.text(phone, Gupshup.newId(), "Hi")).status());
        ConsoleClient c = signedIn();
        assertEquals(403, c.post("/console/contacts/" + phone + "/block", form()).status());
        assertEquals("valid", http.get("/api/v1/contacts/" + phone).json().get("status").asText());

        String csrf = c.get("/console/contacts/" + phone).csrf();
        ConsoleClient.Page blocked = c.post("/console/contacts/" + phone + "/block", form("csrf", csrf));
        assertEquals(303, blocked.status());
        assertEquals("blocked", http.get("/api/v1/contacts/" + phone).json().get("status").asText());
        String page = c.get("/console/contacts/" + phone).body();
        assertTrue(page.contains("id=\"unblock\""), page);
        assertFalse(page.contains("id=\"block\""), page);

        assertEquals(303, c.post("/console/contacts/" + phone + "/unblock", form("csrf", csrf)).status());
        assertEquals("valid", http.get("/api/v1/contacts/" + phone).json().get("status").asText());
        assertEquals(404, c.post("/console/contacts/919999999999/block", form("csrf", csrf)).status());
    }

    @Test
    void aLongConversationShowsItsLatestMessages() {
        String phone = Gupshup.newPhone();
        for (int i = 0; i < 205; i++) {
            assertEquals(200, http.post("/webhooks/gupshup", Gupshup.text(phone, Gupshup.newId(),
                    String.format("note %04d", i))).status());
        }
        String page = signedIn().get("/console/contacts/" + phone).body();
        assertTrue(page.contains("note 0204"), "the newest is shown");
        assertFalse(page.contains("note 0000"), "the oldest is left out");
        assertTrue(page.contains("id=\"older-messages\""), page);
        assertEquals(200, page.split("class=\"bubble ", -1).length - 1, "200 messages shown");
    }

    @Test
    void theTemplatesPageShowsTheRegistryEscaped() {
        Http.Response r = http.post("/api/v1/templates", "{\"name\":\"e2e_console\",\"language\":\"en\","
                + "\"category\":\"marketing\",\"body\":\"Hello <i>{{1}}</i>\"}");
        assertEquals(201, r.status(), r.body());
        String page = signedIn().get("/console/templates").body();
        assertTrue(page.contains("e2e_console"), page);
        assertTrue(page.contains("Hello &lt;i&gt;{{1}}&lt;/i&gt;"), page);
        assertTrue(page.contains("marketing"), page);
    }
}
