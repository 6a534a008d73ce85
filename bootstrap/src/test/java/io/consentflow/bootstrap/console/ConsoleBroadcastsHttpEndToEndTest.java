package io.consentflow.bootstrap.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.adapter.http.provider.StandInProvider;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.RunningService;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.consentflow.bootstrap.console.ConsoleClient.form;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's broadcasts over real HTTP against the running service, delivering to a stand-in Gupshup: the form
 * checked and its group's opted-in members counted before anything is sent, the broadcast made through the same
 * use case as the API (its refusals shown next to the field, nothing created), progress until done with the
 * opted-out members refused and never sent, cancel, CSRF on every post, names shown as text.
 */
class ConsoleBroadcastsHttpEndToEndTest {
    static final StandInProvider gupshup = StandInProvider.gupshup();
    @RegisterExtension
    // a call that times out may have reached the provider, so a broadcast never makes it again: the slow stand-in
    // of the dashboard's test is given time enough
    static final ServiceFixture service = ServiceFixture.deliveringToGupshup(gupshup, Duration.ofSeconds(9))
            .withConsentFlows();
    static final Http http = service.http();
    static final String TEMPLATE = "console_clinic_day";
    static long group;
    static final List<String> optedIn = new ArrayList<>();
    static final List<String> optedOut = new ArrayList<>();

    /** A template of two parameters; a group of three opted-in and two opted-out contacts. */
    @BeforeAll
    static void templateAndGroup() {
        Http.Response t = http.post("/api/v1/templates", """
                {"name":"%s","language":"en","category":"utility","body":"Hello {{1}}, the clinic opens on {{2}}"}"""
                .formatted(TEMPLATE));
        assertEquals(201, t.status(), t.body());
        Http.Response g = http.post("/api/v1/groups", "{\"name\":\"Wave <b>one</b>\"}");
        assertEquals(201, g.status(), g.body());
        group = g.json().get("id").asLong();
        for (int i = 0; i < 5; i++) {
            String phone = Gupshup.newPhone();
            boolean in = i < 3;
            (in ? optedIn : optedOut).add(phone);
            Http.Response c = http.post("/api/v1/contacts", """
                    {"phone":"%s","name":"Member %d","groups":["Wave <b>one</b>"],
                     "consent":{"status":"%s","note":"asked at the clinic"}}""".formatted(phone, i,
                    in ? "opted_in" : "opted_out"));
            assertTrue(c.status() == 201 || c.status() == 200, c.body());
        }
    }

    ConsoleClient signedIn() {
        ConsoleClient c = new ConsoleClient(http.base());
        assertEquals(303, c.signIn(RunningService.API_KEY).status());
        return c;
    }

    static int broadcastsInTheApi() {
        Http.Response r = http.get("/api/v1/broadcasts?limit=500");
        assertEquals(200, r.status(), r.body());
        return r.json().size();
    }

    static JsonNode broadcast(String id) {
        Http.Response r = http.get("/api/v1/broadcasts/" + id);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** The form's fields as the new-broadcast page posts them, with the session's token. */
    static Map<String, String> fields(String csrf, String name, String p1, String p2, String groupId, String at) {
        return form("csrf", csrf, "name", name, "template", TEMPLATE, "param1", p1, "param2", p2, "group", groupId,
                "at", at);
    }

    /** The id of the broadcast a form post created, from where it leads. */
    static String created(ConsoleClient.Page page) {
        assertEquals(303, page.status(), page.body());
        Matcher m = Pattern.compile("/console/broadcasts/([0-9a-f-]{36})\\?notice=").matcher(page.location());
        assertTrue(m.find(), page.location());
        return m.group(1);
    }

    static String figure(String page, String name) {
        Matcher m = Pattern.compile("data-figure=\"" + Pattern.quote(name) + "\">(\\d+)<").matcher(page);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void theGroupsOptedInMembersAreCountedBeforeSendingAndOnlyTheyGetTheMessage() {
        ConsoleClient c = signedIn();
        ConsoleClient.Page form = c.get("/console/broadcasts/new");
        assertEquals(200, form.status());
        assertTrue(form.body().contains(TEMPLATE + " (en) · 2 parameters"), form.body());
        assertTrue(form.body().contains("value=\"" + group + "\""), form.body());
        assertTrue(form.body().contains("Wave &lt;b&gt;one&lt;/b&gt;"), "the group's name as text");
        assertTrue(form.body().contains("id=\"param2\""), form.body());
        int before = broadcastsInTheApi();

        // the htmx fragment, and the step without JavaScript: both count the opted-in members now, create nothing
        String audience = c.get("/console/broadcasts/audience?group=" + group).body();
        assertEquals("3", figure(audience, "opted-in"), audience);
        ConsoleClient.Page check = c.post("/console/broadcasts/check",
                fields(form.csrf(), "Clinic day", "friend", "Monday", Long.toString(group), ""));
        assertEquals(200, check.status(), check.body());
        assertTrue(check.body().contains("Send to <span data-figure=\"opted-in\">3</span> opted-in contacts of group "
                + "Wave &lt;b&gt;one&lt;/b&gt;?"), check.body());
        assertTrue(check.body().contains("5 member(s)"), check.body());
        assertEquals(before, broadcastsInTheApi(), "checking creates nothing");

        ConsoleClient.Page sent = c.post("/console/broadcasts", fields(check.csrf(), "Clinic day", "friend", "Monday",
                Long.toString(group), ""));
        String id = created(sent);
        ConsoleClient.Page live = c.get(sent.location());
        assertEquals(200, live.status());
        assertTrue(live.body().contains("Created: it starts now."), live.body());
        assertTrue(live.body().contains("template " + TEMPLATE + " with “friend”, “Monday”"), live.body());

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> broadcast(id).get("status").asText().equals("done"));
        String progress = c.get("/console/broadcasts/" + id + "/progress").body();
        assertTrue(progress.contains("<section class=\"card\" id=\"progress\""), progress);
        assertFalse(progress.contains("hx-trigger"), "a done broadcast is not polled: " + progress);
        assertFalse(progress.contains("id=\"cancel\""), "nor cancelled: " + progress);
        assertTrue(progress.contains(">done<"), progress);
        JsonNode api = broadcast(id);
        assertEquals(api.get("recipients").asText(), figure(progress, "recipients"));
        assertEquals("5", figure(progress, "recipients"));
        assertEquals("3", figure(progress, "sent"));
        assertEquals("0", figure(progress, "failed"));
        assertEquals("2", figure(progress, "refused-contact_opted_out"), progress);
        for (String phone : optedIn) {
            assertEquals(1, gupshup.accepted().stream().filter(r -> phone.equals(r.form().get("destination"))
                    && r.form().getOrDefault("template", "").contains("friend")).count(), phone);
        }
        for (String phone : optedOut) {
            assertTrue(gupshup.requests.stream().noneMatch(r -> phone.equals(r.form().get("destination"))),
                    "nothing sent to the opted-out " + phone);
        }
        String list = c.get("/console/broadcasts").body();
        assertTrue(list.contains("data-id=\"" + id + "\""), list);
    }

    @Test
    void whatTheFormOrTheUseCaseRefusesIsShownNextToItsFieldAndNothingIsCreated() {
        ConsoleClient c = signedIn();
        String csrf = c.get("/console/broadcasts/new").csrf();
        String g = Long.toString(group);
        int before = broadcastsInTheApi();

        ConsoleClient.Page noName = c.post("/console/broadcasts", fields(csrf, " ", "a", "b", g, ""));
        assertEquals(400, noName.status());
        assertTrue(noName.body().contains("id=\"name-error\">Give the broadcast a name.<"), noName.body());
        assertTrue(noName.body().contains("aria-invalid=\"true\""), noName.body());

        ConsoleClient.Page badAt = c.post("/console/broadcasts", fields(csrf, "x", "a", "b", g, "tomorrow"));
        assertEquals(400, badAt.status());
        assertTrue(badAt.body().contains("id=\"at-error\""), badAt.body());

        // the use case's own refusals, each next to its field
        Map<String, String> unknownTemplate = fields(csrf, "x", "a", "b", g, "");
        unknownTemplate.put("template", "no_such_template");
        ConsoleClient.Page template = c.post("/console/broadcasts", unknownTemplate);
        assertEquals(422, template.status());
        assertTrue(template.body().contains("id=\"template-error\">No template named 'no_such_template' is "
                + "registered.<"), template.body());

        ConsoleClient.Page params = c.post("/console/broadcasts", fields(csrf, "x", "a", "", g, ""));
        assertEquals(422, params.status());
        assertTrue(params.body().contains("id=\"params-error\">Template '" + TEMPLATE + "' (en) takes 2 "
                + "parameter(s), 1 given.<"), params.body());
        assertTrue(params.body().contains("value=\"a\""), "what was typed is shown again");

        ConsoleClient.Page noGroup = c.post("/console/broadcasts", fields(csrf, "x", "a", "b", "987654321", ""));
        assertEquals(422, noGroup.status());
        assertTrue(noGroup.body().contains("id=\"group-error\">No group 987654321.<"), noGroup.body());

        // the check step says the same before anything is sent
        ConsoleClient.Page checked = c.post("/console/broadcasts/check", fields(csrf, "x", "a", "", g, ""));
        assertEquals(400, checked.status());
        assertTrue(checked.body().contains("id=\"params-error\""), checked.body());

        // without the session's token: refused, nothing created
        ConsoleClient.Page forged = c.post("/console/broadcasts", fields("someone-elses-token", "x", "a", "b", g, ""));
        assertEquals(403, forged.status());
        Map<String, String> noToken = fields(csrf, "x", "a", "b", g, "");
        noToken.remove("csrf");
        assertEquals(403, c.post("/console/broadcasts", noToken).status());
        assertEquals(403, c.post("/console/broadcasts/check", noToken).status());

        assertEquals(before, broadcastsInTheApi(), "nothing was created");
    }

    @Test
    void aScheduledBroadcastIsCancelledOnlyWithTheFormsToken() {
        ConsoleClient c = signedIn();
        String csrf = c.get("/console/broadcasts/new").csrf();
        String at = LocalDateTime.ofInstant(Instant.now().plus(1, ChronoUnit.DAYS), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES).toString();
        ConsoleClient.Page scheduled = c.post("/console/broadcasts", fields(csrf, "Tomorrow's reminder", "friend",
                "Friday", Long.toString(group), at));
        String id = created(scheduled);
        assertEquals("scheduled", broadcast(id).get("status").asText());
        assertEquals(Instant.parse(at + ":00Z"), Instant.parse(broadcast(id).get("at").asText()), "the start is UTC");
        ConsoleClient.Page page = c.get(scheduled.location());
        assertTrue(page.body().contains("Scheduled: it starts at "), page.body());
        assertTrue(page.body().contains("hx-trigger=\"every 2s\""), "a live broadcast is polled");
        assertTrue(page.body().contains("id=\"cancel\""), page.body());
        assertTrue(page.body().contains("id=\"reload\""), "and can be reloaded without JavaScript");

        assertEquals(403, c.post("/console/broadcasts/" + id + "/cancel", form()).status());
        assertEquals(403, c.post("/console/broadcasts/" + id + "/cancel", form("csrf", "forged")).status());
        assertEquals("scheduled", broadcast(id).get("status").asText());

        ConsoleClient.Page cancelled = c.post("/console/broadcasts/" + id + "/cancel", form("csrf", page.csrf()));
        assertEquals(303, cancelled.status());
        assertEquals("cancelled", broadcast(id).get("status").asText());
        String after = c.get(cancelled.location()).body();
        assertTrue(after.contains("Cancelled: nothing more of it will be sent."), after);
        assertFalse(after.contains("id=\"cancel\""), after);
        assertFalse(after.contains("hx-trigger"), after);
        assertTrue(gupshup.requests.stream().noneMatch(r -> r.form().getOrDefault("template", "").contains("Friday")));

        assertEquals(404, c.post("/console/broadcasts/00000000-0000-7000-8000-000000000000/cancel",
                form("csrf", page.csrf())).status());
    }

    @Test
    void aRunningBroadcastIsOnTheDashboardWithItsLink() {
        ConsoleClient c = signedIn();
        gupshup.acceptSlowly(1500);
        try {
            String csrf = c.get("/console/broadcasts/new").csrf();
            String id = created(c.post("/console/broadcasts", fields(csrf, "Slow wave", "slowly", "Sunday",
                    Long.toString(group), "")));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> broadcast(id).get("status").asText().equals("running"));
            String dashboard = c.get("/console").body();
            assertNotNull(figure(dashboard, "broadcasts-running"), dashboard);
            assertTrue(Long.parseLong(figure(dashboard, "broadcasts-running")) >= 1, dashboard);
            assertTrue(dashboard.contains("href=\"/console/broadcasts/" + id + "\">Slow wave</a>"), dashboard);
            String list = c.get("/console/broadcasts").body();
            assertTrue(list.contains("id=\"running\""), list);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> broadcast(id).get("status").asText().equals("done"));
        } finally {
            gupshup.acceptAgain();
        }
        assertFalse(c.get("/console").body().contains("Slow wave"), "done: no longer running");
    }

    @Test
    void aBroadcastsNameIsShownAsTextAndABadIdIsNotFound() {
        ConsoleClient c = signedIn();
        String csrf = c.get("/console/broadcasts/new").csrf();
        String id = created(c.post("/console/broadcasts", fields(csrf, "<script>alert('x')</script>", "a", "b",
                Long.toString(group), LocalDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0).toString())));
        for (String page : List.of(c.get("/console/broadcasts/" + id).body(), c.get("/console/broadcasts").body())) {
            assertTrue(page.contains("&lt;script&gt;alert('x')&lt;/script&gt;"), page);
            assertFalse(page.contains("<script>alert"), page);
        }
        assertEquals(404, c.get("/console/broadcasts/not-an-id").status());
        assertEquals(404, c.get("/console/broadcasts/00000000-0000-7000-8000-000000000000").status());
        assertEquals(400, c.get("/console/broadcasts?after=damaged").status());
        assertEquals(303, new ConsoleClient(http.base()).get("/console/broadcasts").status(), "signed in only");
    }
}
