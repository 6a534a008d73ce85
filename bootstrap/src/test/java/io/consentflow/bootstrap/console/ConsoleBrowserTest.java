package io.consentflow.bootstrap.console;

import io.consentflow.bootstrap.support.Browser;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.RunningService;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in headless Chromium against the running service: what staff do, as they do it. One browser and
 * one service for the class; the pages' screenshots are taken on the way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    @RegisterExtension
    @Order(1)
    static final ServiceFixture service = ServiceFixture.fresh().withConsentFlows().optinForNewContacts();
    @RegisterExtension
    @Order(2)
    static final Browser browser = new Browser();
    static final Http http = service.http();

    WebDriver driver() {
        return browser.driver();
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver(), Duration.ofSeconds(10));
    }

    void open(String path) {
        driver().get(http.base() + path);
    }

    void signIn() {
        open("/console");
        if (!driver().getCurrentUrl().endsWith("/console/sign-in")) return;
        driver().findElement(By.id("key")).sendKeys(RunningService.API_KEY);
        driver().findElement(By.cssSelector("form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlToBe(http.base() + "/console"));
    }

    static void webhook(String body) {
        Http.Response r = http.post("/webhooks/gupshup", body);
        assertEquals(200, r.status(), r.body());
    }

    @Test
    @Order(1)
    void aWrongKeyIsRefusedAndTheRightOneSignsIn() {
        browser.viewportWidth(1280, 900);
        open("/");
        waiting().until(ExpectedConditions.urlToBe(http.base() + "/console/sign-in"));
        assertEquals("Admin API key", driver().findElement(By.cssSelector("label[for=key]")).getText());
        driver().findElement(By.id("key")).sendKeys("wrong-key");
        driver().findElement(By.cssSelector("form button[type=submit]")).click();
        WebElement error = driver().findElement(By.id("sign-in-error"));
        assertEquals("That key did not sign you in. Check it and try again.", error.getText());
        browser.screenshot("sign-in");

        driver().findElement(By.id("key")).sendKeys(RunningService.API_KEY);
        driver().findElement(By.cssSelector("form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlToBe(http.base() + "/console"));
        assertEquals("Dashboard", driver().findElement(By.tagName("h1")).getText());
        assertEquals("0", driver().findElement(By.cssSelector("[data-figure=contacts]")).getText());
    }

    @Test
    @Order(2)
    void staffFindAContactAndReadItsConsentTimeline() {
        signIn();
        String phone = Gupshup.newPhone();
        webhook(Gupshup.text(phone, Gupshup.newId(), "Hi"));
        webhook(Gupshup.buttonReply(phone, Gupshup.newId(), "👍"));

        driver().findElement(By.linkText("Contacts")).click();
        driver().findElement(By.id("q")).sendKeys("+" + phone);
        driver().findElement(By.id("search")).click();
        waiting().until(ExpectedConditions.urlToBe(http.base() + "/console/contacts/" + phone));

        assertEquals("opted_in", driver().findElement(By.id("consent")).getText());
        List<WebElement> changes = driver().findElements(By.cssSelector("#timeline li"));
        assertEquals(1, changes.size());
        assertTrue(changes.get(0).getText().contains("unknown → opted_in"), changes.get(0).getText());
        assertTrue(changes.get(0).getText().contains("by flow"), changes.get(0).getText());
        WebElement evidence = changes.get(0).findElement(By.linkText("the message"));
        String target = evidence.getAttribute("href").replaceAll(".*#", "");
        evidence.click();
        WebElement message = driver().findElement(By.id(target));
        assertTrue(message.getText().contains("👍"), message.getText());
        assertTrue(message.getAttribute("class").contains("in"));
        browser.screenshot("contact");
    }

    @Test
    @Order(3)
    void theSimulatorWalksThroughOptInStopAndBackIn() {
        signIn();
        driver().findElement(By.linkText("Simulator")).click();
        driver().findElement(By.id("reset")).click();
        say("Hi");
        waiting().until(d -> chatText().contains("May we send you updates"));
        tap("👍");
        waiting().until(d -> consent().equals("opted_in"));
        say("stop");
        say("1");
        waiting().until(d -> consent().equals("opted_out"));
        say("optin");
        tap("👍");
        waiting().until(d -> consent().equals("opted_in"));
        browser.screenshot("simulator");
        assertFalse(driver().findElements(By.cssSelector(".bubble.out")).isEmpty());
    }

    private void say(String text) {
        int before = driver().findElements(By.cssSelector(".bubble.in")).size();
        WebElement box = driver().findElement(By.id("text"));
        box.sendKeys(text);
        driver().findElement(By.id("send")).click();
        waiting().until(d -> d.findElements(By.cssSelector(".bubble.in")).size() > before);
    }

    /** Taps the newest message's quick reply labelled {@code title}: a real button. */
    private void tap(String title) {
        int before = driver().findElements(By.cssSelector(".bubble.in")).size();
        List<WebElement> buttons = driver().findElements(By.xpath("//button[@class='reply' and normalize-space()='"
                + title + "']"));
        assertFalse(buttons.isEmpty(), "no button " + title + " in " + chatText());
        buttons.get(buttons.size() - 1).click();
        waiting().until(d -> d.findElements(By.cssSelector(".bubble.in")).size() > before);
    }

    private String chatText() {
        return driver().findElement(By.id("chat")).getText();
    }

    private String consent() {
        return driver().findElement(By.id("sim-consent")).getText();
    }

    @Test
    @Order(4)
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        signIn();
        String phone = Gupshup.newPhone();
        webhook(Gupshup.text(phone, Gupshup.newId(), "Hi"));
        open("/console/contacts/" + phone);
        ((JavascriptExecutor) driver()).executeScript(
                "document.querySelectorAll('input[name=csrf]').forEach(function (e) { e.remove(); })");
        driver().findElement(By.cssSelector("input[value=opted_out]")).click();
        driver().findElement(By.id("note")).sendKeys("forged");
        driver().findElement(By.xpath("//button[normalize-space()='Record']")).click();
        waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.textToBe(By.tagName("h1"), "Form refused"));
        assertEquals("unknown", http.get("/api/v1/contacts/" + phone).json().get("consent").get("status").asText());
    }

    @Test
    @Order(5)
    void aScriptInAContactsNameIsShownAsText() {
        signIn();
        String phone = Gupshup.newPhone();
        String name = "<script>document.title='owned'</script>";
        webhook(Gupshup.text(phone, Gupshup.newId(), "Hi").replace("\"name\":\"Asha\"",
                "\"name\":\"" + name.replace("'", "\\u0027") + "\""));
        open("/console/contacts/" + phone);
        assertEquals(name, driver().findElement(By.tagName("h1")).getText());
        assertEquals(name + " · Consentflow", driver().getTitle(), "the script did not run");
    }

    @Test
    @Order(6)
    void everyPageFits360PixelsWithoutScrollingSideways() {
        signIn();
        String phone = Gupshup.newPhone();
        webhook(Gupshup.text(phone, Gupshup.newId(), "Hi"));
        browser.viewportWidth(360, 740);
        try {
            for (String path : List.of("/console", "/console/contacts", "/console/contacts/" + phone,
                    "/console/simulator", "/console/flows", "/console/flows/" + ServiceFixture.OPTIN,
                    "/console/templates", "/api/docs")) {
                open(path);
                assertFalse(browser.scrollsSideways(), path + " scrolls sideways at 360 px");
            }
            open("/console/contacts/" + phone);
            browser.screenshot("contact-360px");
        } finally {
            browser.viewportWidth(1280, 900);
        }
    }

    @Test
    @Order(8)
    void theDashboardCountsWhatHappened() {
        signIn();
        open("/console");
        long contacts = Long.parseLong(driver().findElement(By.cssSelector("[data-figure=contacts]")).getText());
        assertTrue(contacts >= 4, "the contacts of the tests before: " + contacts);
        assertTrue(Long.parseLong(driver().findElement(By.cssSelector("[data-figure=optins]")).getText()) >= 3);
        assertTrue(Long.parseLong(driver().findElement(By.cssSelector("[data-figure=optouts]")).getText()) >= 1);
        assertFalse(driver().findElements(By.cssSelector("svg.chart rect.bar-in")).isEmpty());
        browser.screenshot("dashboard");
        driver().findElement(By.linkText("API")).click();
        assertEquals("Consentflow API", driver().findElement(By.tagName("h1")).getText());
        browser.screenshot("api-docs");
    }

    @Test
    @Order(7)
    void staffImportAFlowAndMakeItTheOptinFlow() throws IOException {
        signIn();
        driver().findElement(By.linkText("Flows")).click();
        Path notJson = Files.writeString(Files.createTempFile("not-a-flow", ".json"), "{\"flows\": [");
        driver().findElement(By.id("file")).sendKeys(notJson.toString());
        driver().findElement(By.id("import")).click();
        assertTrue(driver().findElement(By.id("import-problems")).getText()
                .contains("The import was refused; nothing was stored."));

        String uuid = "5b3c1d2e-0000-4a6b-9c8d-999999999999";
        ObjectNode definition = ServiceFixture.consentFlowDefinition(0).deepCopy();
        definition.put("uuid", uuid).put("name", "Join us");
        Path file = Files.writeString(Files.createTempFile("join-us", ".json"), definition.toString());
        driver().findElement(By.id("file")).sendKeys(file.toString());
        driver().findElement(By.id("import-keywords")).sendKeys("join, subscribe");
        driver().findElement(By.id("import")).click();
        assertEquals("Imported: Join us.", driver().findElement(By.id("flows-notice")).getText());
        WebElement row = driver().findElement(By.cssSelector("tr[data-uuid='" + uuid + "']"));
        assertTrue(row.getText().contains("join, subscribe"), row.getText());
        browser.screenshot("flows");

        row.findElement(By.linkText("Join us")).click();
        driver().findElement(By.cssSelector("input[name=role][value=optin]")).click();
        driver().findElement(By.id("set-role")).click();
        assertEquals("Role changed.", driver().findElement(By.id("flow-notice")).getText());
        assertEquals("yes", driver().findElement(By.id("role-optin")).getText());
        assertEquals(uuid, http.get("/api/v1/settings").json().get("optinFlow").asText());
        assertTrue(driver().findElements(By.cssSelector("svg.diagram g.node")).size() >= 2);
        assertTrue(driver().findElement(By.cssSelector("svg.diagram")).getText().contains("Send interactive"));
        browser.screenshot("flow");
        open("/console/flows");
        assertTrue(driver().findElement(By.cssSelector("tr[data-uuid='" + uuid + "']")).getText()
                .contains("opt-in flow"));
    }

    /** Contacts made through the API: {@code name} is {@code prefix + i}; opted in when {@code optedIn}. */
    static List<String> contactsNamed(String prefix, int count, boolean optedIn) {
        List<String> phones = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String phone = Gupshup.newPhone();
            String consent = optedIn ? ",\"consent\":{\"status\":\"opted_in\",\"note\":\"signed up at the clinic\"}" : "";
            Http.Response r = http.post("/api/v1/contacts", "{\"phone\":\"+" + phone + "\",\"name\":\"" + prefix + i
                    + "\"" + consent + "}");
            assertEquals(201, r.status(), r.body());
            phones.add(phone);
        }
        return phones;
    }

    private List<String> listedPhones() {
        return driver().findElements(By.cssSelector("#contacts tbody tr")).stream()
                .map(tr -> tr.getAttribute("data-phone")).toList();
    }

    private void search(String q, String consent, String group) {
        open("/console/contacts");
        driver().findElement(By.id("q")).sendKeys(q);
        if (consent != null) new Select(driver().findElement(By.id("consent"))).selectByValue(consent);
        if (group != null) new Select(driver().findElement(By.id("group"))).selectByVisibleText(group);
        driver().findElement(By.id("search")).click();
        waiting().until(ExpectedConditions.urlContains("q="));
    }

    @Test
    @Order(9)
    void searchByNamePrefixAndFiltersFindsTheRightContacts() {
        signIn();
        String prefix = "Quilla" + Long.toString(System.nanoTime() % 100_000, 36) + " ";
        List<String> in = contactsNamed(prefix, 2, true);
        List<String> unknown = contactsNamed(prefix, 1, false);
        contactsNamed("Other " + prefix, 1, true);
        String group = "Clinic " + prefix.strip();
        long groupId = http.post("/api/v1/groups", "{\"name\":\"" + group + "\"}").json().get("id").asLong();
        assertEquals(200, http.post("/api/v1/groups/" + groupId + "/members",
                "{\"phones\":[\"" + in.get(0) + "\",\"" + unknown.get(0) + "\"]}").status());

        search(prefix.toLowerCase(java.util.Locale.ROOT), null, null);
        assertEquals(sorted(in.get(0), in.get(1), unknown.get(0)), listedPhones(), "the name prefix, ignoring case");
        browser.screenshot("contacts");

        search(prefix, "opted_in", null);
        assertEquals(sorted(in.get(0), in.get(1)), listedPhones(), "the name prefix, opted in");
        assertEquals("opted_in", new Select(driver().findElement(By.id("consent"))).getFirstSelectedOption()
                .getAttribute("value"), "the form shows the search again");

        search(prefix, null, group);
        assertEquals(sorted(in.get(0), unknown.get(0)), listedPhones(), "the name prefix, in the group");

        search(prefix, "unknown", group);
        assertEquals(List.of(unknown.get(0)), listedPhones(), "in the group, consent unknown");

        search("Nobody by this name " + prefix, null, null);
        assertTrue(driver().findElements(By.cssSelector("#contacts tbody tr")).isEmpty());
        assertEquals("No contact matches.", driver().findElement(By.id("no-contacts")).getText());
    }

    private static List<String> sorted(String... phones) {
        return java.util.Arrays.stream(phones).sorted().toList();
    }

    @Test
    @Order(10)
    void theNextPageContinuesWhereThePageEnded() {
        signIn();
        String prefix = "Pager" + Long.toString(System.nanoTime() % 100_000, 36) + " ";
        List<String> all = contactsNamed(prefix, 57, false).stream().sorted().toList();
        search(prefix, null, null);
        assertEquals(all.subList(0, 50), listedPhones(), "the first page: 50, in phone order");
        assertTrue(driver().findElements(By.id("first-page")).isEmpty());

        driver().findElement(By.id("next-page")).click();
        waiting().until(ExpectedConditions.urlContains("after="));
        assertEquals(all.subList(50, 57), listedPhones(), "the rest, none repeated or skipped");
        assertTrue(driver().findElements(By.id("next-page")).isEmpty(), "the last page has no next");

        driver().findElement(By.id("first-page")).click();
        waiting().until(d -> !d.getCurrentUrl().contains("after="));
        assertEquals(all.subList(0, 50), listedPhones());
    }

    @Test
    @Order(11)
    void staffBlockThenUnblockAContactFromItsPage() {
        signIn();
        String phone = contactsNamed("Blocky ", 1, true).get(0);
        open("/console/contacts/" + phone);
        assertEquals("valid", driver().findElement(By.id("status")).getText());

        driver().findElement(By.id("block")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("status"), "blocked"));
        assertEquals("blocked", http.get("/api/v1/contacts/" + phone).json().get("status").asText());
        assertEquals("opted_in", driver().findElement(By.id("consent")).getText(), "consent is kept");
        browser.screenshot("contact-blocked");

        driver().findElement(By.id("unblock")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("status"), "valid"));
        assertEquals("valid", http.get("/api/v1/contacts/" + phone).json().get("status").asText());
        assertTrue(driver().findElement(By.id("contact-notice")).getText().startsWith("Unblocked"));

        open("/console/contacts?status=blocked");
        assertFalse(listedPhones().contains(phone));
    }

    @Test
    @Order(12)
    void theTemplatesPageListsATemplateRegisteredThroughTheApi() {
        signIn();
        String name = "visit_reminder_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Http.Response r = http.post("/api/v1/templates", "{\"name\":\"" + name + "\",\"language\":\"hi\","
                + "\"category\":\"utility\",\"body\":\"Your visit is on {{1}} <b>at</b> {{2}}.\","
                + "\"providerId\":\"gs-" + name + "\"}");
        assertEquals(201, r.status(), r.body());
        String id = r.json().get("id").asText();

        driver().findElement(By.linkText("Templates")).click();
        waiting().until(ExpectedConditions.urlToBe(http.base() + "/console/templates"));
        WebElement row = driver().findElement(By.cssSelector("tr[data-id='" + id + "']"));
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertEquals(List.of(name, "hi", "utility", "Your visit is on {{1}} <b>at</b> {{2}}.", "gs-" + name), cells);
        browser.screenshot("templates");
    }

    @Test
    @Order(13)
    void theContactsListIsStackedRowsAt360Pixels() {
        signIn();
        String prefix = "Narrow" + Long.toString(System.nanoTime() % 100_000, 36) + " with a rather long name ";
        contactsNamed(prefix, 3, true);
        browser.viewportWidth(360, 740);
        try {
            search(prefix, null, null);
            assertEquals(3, listedPhones().size());
            assertFalse(browser.scrollsSideways(), "the contacts list scrolls sideways at 360 px");
            WebElement cell = driver().findElement(By.cssSelector("#contacts tbody td[data-label=Consent]"));
            assertEquals("block", driver().findElement(By.cssSelector("#contacts tbody tr")).getCssValue("display"),
                    "each contact is a stacked row");
            assertTrue(cell.getText().contains("opted_in"));
            ((JavascriptExecutor) driver()).executeScript("document.getElementById('results-title').scrollIntoView()");
            browser.screenshot("contacts-360px");
        } finally {
            browser.viewportWidth(1280, 900);
        }
    }

    /** A template of one parameter and a group of three opted-in and two opted-out contacts, through the API. */
    private static long broadcastGroup(String template, String groupName) {
        Http.Response t = http.post("/api/v1/templates", "{\"name\":\"" + template + "\",\"language\":\"en\","
                + "\"category\":\"utility\",\"body\":\"The clinic opens on {{1}}.\"}");
        assertEquals(201, t.status(), t.body());
        Http.Response g = http.post("/api/v1/groups", "{\"name\":\"" + groupName + "\"}");
        assertEquals(201, g.status(), g.body());
        for (int i = 0; i < 5; i++) {
            Http.Response c = http.post("/api/v1/contacts", "{\"phone\":\"" + Gupshup.newPhone() + "\",\"name\":\"Wave "
                    + i + "\",\"groups\":[\"" + groupName + "\"],\"consent\":{\"status\":\""
                    + (i < 3 ? "opted_in" : "opted_out") + "\",\"note\":\"asked at the clinic\"}}");
            assertTrue(c.status() == 201 || c.status() == 200, c.body());
        }
        return g.json().get("id").asLong();
    }

    private String figure(String name) {
        return driver().findElement(By.cssSelector("#progress [data-figure='" + name + "']")).getText();
    }

    /** Fills the new-broadcast form and checks it: the page that asks before sending. */
    private void newBroadcast(String name, String templateLabel, String param, String groupName) {
        driver().findElement(By.linkText("Broadcasts")).click();
        driver().findElement(By.id("new-broadcast")).click();
        waiting().until(ExpectedConditions.urlToBe(http.base() + "/console/broadcasts/new"));
        driver().findElement(By.id("name")).sendKeys(name);
        new Select(driver().findElement(By.id("template"))).selectByVisibleText(templateLabel);
        driver().findElement(By.id("param1")).sendKeys(param);
        new Select(driver().findElement(By.id("group"))).selectByVisibleText(groupName);
    }

    @Test
    @Order(14)
    void staffSendABroadcastToAGroupSeeingItsOptedInCountAndWatchItReachDone() {
        signIn();
        broadcastGroup("clinic_opening", "Clinic wave");
        newBroadcast("Clinic opening", "clinic_opening (en) · 1 parameter", "Monday", "Clinic wave");
        // htmx asks for the group's count as the group is chosen
        waiting().until(d -> d.findElements(By.cssSelector("#audience [data-figure=opted-in]")).size() == 1);
        assertEquals("3", driver().findElement(By.cssSelector("#audience [data-figure=opted-in]")).getText());
        driver().findElement(By.id("check")).click();
        assertEquals("Send to 3 opted-in contacts of group Clinic wave?",
                driver().findElement(By.id("confirm-title")).getText());
        driver().findElement(By.id("send")).click();
        waiting().until(ExpectedConditions.urlContains("/console/broadcasts/"));
        String id = driver().getCurrentUrl().replaceAll(".*/broadcasts/([0-9a-f-]{36}).*", "$1");
        // the progress updates itself: no reload here
        new WebDriverWait(driver(), Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("status")).getText().equals("done"));
        assertEquals("5", figure("recipients"));
        assertEquals("3", figure("sent"));
        assertEquals("0", figure("failed"));
        assertEquals("2", figure("refused-contact_opted_out"));
        assertTrue(driver().findElements(By.id("cancel")).isEmpty(), "a done broadcast has nothing to cancel");
        var api = http.get("/api/v1/broadcasts/" + id).json();
        assertEquals(3, api.get("sent").asInt(), api.toString());
        assertEquals("{\"contact_opted_out\":2}", api.get("refused").toString());
        browser.screenshot("broadcast");
    }

    @Test
    @Order(15)
    void staffCancelAScheduledBroadcast() {
        signIn();
        broadcastGroup("next_week", "Next week wave");
        newBroadcast("Next week's reminder", "next_week (en) · 1 parameter", "Friday", "Next week wave");
        String at = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(7).withSecond(0).withNano(0)
                .toString();
        ((JavascriptExecutor) driver()).executeScript("document.getElementById('at').value = arguments[0]", at);
        driver().findElement(By.id("check")).click();
        assertEquals("Schedule", driver().findElement(By.id("send")).getText());
        driver().findElement(By.id("send")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("status"), "scheduled"));
        assertTrue(driver().findElement(By.id("broadcast-notice")).getText().startsWith("Scheduled: it starts at "));
        driver().findElement(By.id("cancel")).click();
        waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.textToBe(By.id("status"), "cancelled"));
        assertEquals("Cancelled: nothing more of it will be sent.",
                driver().findElement(By.id("broadcast-notice")).getText());
        assertTrue(driver().findElements(By.id("cancel")).isEmpty());

        driver().findElement(By.linkText("All broadcasts")).click();
        List<String> statuses = driver().findElements(By.cssSelector("#broadcasts tbody td[data-label=Status]"))
                .stream().map(WebElement::getText).toList();
        assertEquals(List.of("done", "cancelled"), statuses);
        browser.screenshot("broadcasts");
    }

    @Test
    @Order(16)
    void aBroadcastsNameIsTextAndItsPagesFit360Pixels() {
        signIn();
        long group = broadcastGroup("script_check", "Script wave");
        String name = "<script>document.title='owned'</script>";
        Http.Response r = http.post("/api/v1/broadcasts", "{\"name\":\"" + name + "\",\"template\":{\"name\":"
                + "\"script_check\",\"params\":[\"x\"]},\"to\":{\"group\":" + group + "},\"at\":\"2099-01-01T00:00:00Z\"}");
        assertEquals(201, r.status(), r.body());
        String id = r.json().get("id").asText();
        open("/console/broadcasts/" + id);
        assertEquals(name, driver().findElement(By.tagName("h1")).getText());
        assertEquals(name + " · Consentflow", driver().getTitle(), "the script did not run");
        browser.viewportWidth(360, 740);
        try {
            for (String path : List.of("/console/broadcasts", "/console/broadcasts/new", "/console/broadcasts/" + id)) {
                open(path);
                assertFalse(browser.scrollsSideways(), path + " scrolls sideways at 360 px");
            }
        } finally {
            browser.viewportWidth(1280, 900);
        }
    }
}
