package io.consentflow.adapter.http.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.consentflow.adapter.http.support.Secrets;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.application.port.in.ChangeConsentUseCase.ChangeConsentCommand;
import io.consentflow.application.port.in.ChangeConsentUseCase;
import io.consentflow.application.port.in.ManageFlowsUseCase.FlowImport;
import io.consentflow.application.port.in.ManageFlowsUseCase.FlowPatch;
import io.consentflow.application.port.in.ManageFlowsUseCase.ImportResult;
import io.consentflow.application.port.in.ManageFlowsUseCase;
import io.consentflow.application.port.in.ManageBroadcastsUseCase;
import io.consentflow.application.port.in.ManageBroadcastsUseCase.BroadcastFinishedException;
import io.consentflow.application.port.in.ManageBroadcastsUseCase.BroadcastView;
import io.consentflow.application.port.in.ManageBroadcastsUseCase.InvalidBroadcastException;
import io.consentflow.application.port.in.ManageContactsUseCase;
import io.consentflow.application.port.in.GroupView;
import io.consentflow.application.port.in.ManageGroupsUseCase;
import io.consentflow.application.port.in.ManageTemplatesUseCase;
import io.consentflow.application.port.in.ManageSettingsUseCase;
import io.consentflow.application.port.in.ReceiveMessageUseCase;
import io.consentflow.application.port.in.ViewContactsUseCase;
import io.consentflow.application.port.in.ViewDashboardUseCase;
import io.consentflow.domain.broadcast.Audience;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.InvalidPhoneException;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.keyword.InvalidKeywordException;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.policy.OrgSettings;
import io.consentflow.domain.template.MessageTemplate;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import io.javalin.router.JavalinDefaultRoutingApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The staff console at {@code /console}: server-rendered pages (jte templates compiled at build time), htmx for
 * the simulator's chat, the same use cases as the admin API. Signing in takes the admin API key; the session
 * cookie is {@code HttpOnly}, {@code SameSite=Strict} and {@code Secure} behind HTTPS; every form carries the
 * session's CSRF token and a POST without it changes nothing (403). With no API key set the console is open, and
 * says so on every page.
 */
public final class Console {
    private static final Logger log = LoggerFactory.getLogger(Console.class);
    static final String COOKIE = "consentflow_console";
    /** Inbound messages typed in the simulator come from this provider: their ids never meet a real one's. */
    static final String SIMULATOR = "simulator";
    private static final int MAX_NOTE = 256;
    private static final int MAX_TEXT = 4096;
    private static final long MAX_IMPORT_BYTES = 8L * 1024 * 1024;
    /** A contact's page shows the end of its conversation: this many messages at most, read newest first. */
    static final int CONVERSATION = 200;

    private final ViewContactsUseCase viewContacts;
    private final ChangeConsentUseCase changeConsent;
    private final ReceiveMessageUseCase receiveMessage;
    private final ManageFlowsUseCase manageFlows;
    private final ManageSettingsUseCase manageSettings;
    private final ViewDashboardUseCase viewDashboard;
    private final ManageContactsUseCase manageContacts;
    private final ManageGroupsUseCase manageGroups;
    private final ManageTemplatesUseCase manageTemplates;
    private final ManageBroadcastsUseCase manageBroadcasts;
    private final String apiKey;
    private final Clock clock;
    private final ConsoleSessions sessions;
    private final Assets assets = new Assets();
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Console.class.getClassLoader(), "io.consentflow.adapter.http.console.view");
    private final RandomGenerator random;

    /**
     * @param manageBroadcasts broadcasts ({@code /console/broadcasts}); null: no broadcasts pages
     * @param apiKey           the admin API key that signs staff in; null leaves the console open
     * @param random           a cryptographically strong generator (session and CSRF tokens)
     */
    public Console(ViewContactsUseCase viewContacts, ChangeConsentUseCase changeConsent,
                   ReceiveMessageUseCase receiveMessage, ManageFlowsUseCase manageFlows,
                   ManageSettingsUseCase manageSettings, ViewDashboardUseCase viewDashboard,
                   ManageContactsUseCase manageContacts, ManageGroupsUseCase manageGroups,
                   ManageTemplatesUseCase manageTemplates, ManageBroadcastsUseCase manageBroadcasts, String apiKey,
                   Clock clock, RandomGenerator random) {
        this.manageBroadcasts = manageBroadcasts;
        this.viewDashboard = viewDashboard;
        this.manageContacts = manageContacts;
        this.manageGroups = manageGroups;
        this.manageTemplates = manageTemplates;
        this.manageFlows = manageFlows;
        this.manageSettings = manageSettings;
        this.viewContacts = viewContacts;
        this.changeConsent = changeConsent;
        this.receiveMessage = receiveMessage;
        this.apiKey = apiKey;
        this.clock = clock;
        this.random = random;
        this.sessions = new ConsoleSessions(random, clock);
    }

    /** The console's routes under {@code prefix} (empty for the service's own server). */
    public void register(JavalinDefaultRoutingApi routes, String prefix) {
        String base = prefix + "/console";
        routes.get("/console", page(base, this::dashboard));
        routes.get("/console/", ctx -> ctx.redirect(base, HttpStatus.MOVED_PERMANENTLY));
        routes.get("/console/assets/{file}", assets::serve);
        routes.get("/console/sign-in", ctx -> signInForm(ctx, base));
        routes.post("/console/sign-in", ctx -> signIn(ctx, base));
        routes.post("/console/sign-out", form(base, this::signOut));
        routes.get("/console/contacts", page(base, this::contacts));
        routes.get("/console/contacts/{phone}", page(base, this::contact));
        routes.post("/console/contacts/{phone}/consent", form(base, this::recordConsent));
        routes.post("/console/contacts/{phone}/block", form(base, v -> block(v, true)));
        routes.post("/console/contacts/{phone}/unblock", form(base, v -> block(v, false)));
        routes.get("/console/templates", page(base, this::templates));
        routes.get("/console/flows", page(base, this::flows));
        routes.post("/console/flows/import", form(base, this::importFlows));
        routes.get("/console/flows/{uuid}", page(base, this::flow));
        routes.post("/console/flows/{uuid}", form(base, this::updateFlow));
        routes.post("/console/flows/{uuid}/role", form(base, this::setRole));
        routes.get("/console/simulator", page(base, this::simulator));
        routes.post("/console/simulator/send", form(base, this::simulatorSend));
        routes.post("/console/simulator/reset", form(base, this::simulatorReset));
        if (manageBroadcasts != null) {
            // the fixed paths before /{id}
            routes.get("/console/broadcasts", page(base, this::broadcasts));
            routes.post("/console/broadcasts", form(base, this::createBroadcast));
            routes.get("/console/broadcasts/new", page(base, this::newBroadcast));
            routes.post("/console/broadcasts/check", form(base, this::checkBroadcast));
            routes.get("/console/broadcasts/audience", page(base, this::audience));
            routes.get("/console/broadcasts/{id}", page(base, this::broadcast));
            routes.get("/console/broadcasts/{id}/progress", page(base, this::broadcastProgress));
            routes.post("/console/broadcasts/{id}/cancel", form(base, this::cancelBroadcast));
        }
    }

    // ---- the session around every page and form ----------------------------------------------------------------

    /** What a page handler gets: the request, the visitor's session and the page's frame. */
    private record Visit(Context ctx, ConsoleSessions.Session session, String base, boolean open,
                         boolean broadcasts) {
        Frame frame(String title, String section) {
            return new Frame(title, base, session.csrf, open, true, section,
                    base.substring(0, base.length() - "/console".length()) + ApiReference.DOCS, broadcasts);
        }
    }

    @FunctionalInterface
    private interface VisitHandler {
        void handle(Visit visit);
    }

    private boolean open() {
        return apiKey == null;
    }

    /** A page for signed-in staff (anyone, when the console is open); others go to the sign-in form. */
    private Handler page(String base, VisitHandler handler) {
        return ctx -> {
            secureHeaders(ctx);
            ConsoleSessions.Session s = sessions.find(ctx.cookie(COOKIE));
            if (s == null && open()) s = startSession(ctx, base, sessions.signIn(null));
            if (s == null || !s.signedIn) {
                ctx.redirect(base + "/sign-in", HttpStatus.SEE_OTHER);
                return;
            }
            handler.handle(new Visit(ctx, s, base, open(), manageBroadcasts != null));
        };
    }

    /** A form's target: the session's CSRF token must come with it (field {@code csrf}), else nothing changes. */
    private Handler form(String base, VisitHandler handler) {
        return ctx -> {
            secureHeaders(ctx);
            ConsoleSessions.Session s = sessions.find(ctx.cookie(COOKIE));
            if (s == null || !s.csrfMatches(csrf(ctx))) {
                refuseForm(ctx, base, s);
                return;
            }
            if (!s.signedIn) {
                ctx.redirect(base + "/sign-in", HttpStatus.SEE_OTHER);
                return;
            }
            handler.handle(new Visit(ctx, s, base, open(), manageBroadcasts != null));
        };
    }

    private void refuseForm(Context ctx, String base, ConsoleSessions.Session s) {
        String csrf = s == null ? "" : s.csrf;
        ctx.status(HttpStatus.FORBIDDEN);
        render(ctx, "message.jte", Map.of("frame", new Frame("Form refused", base, csrf, open(),
                        s != null && s.signedIn, "", null, manageBroadcasts != null), "heading", "Form refused",
                "text", "This form did not come from a page of this console, or your session has ended. Nothing "
                        + "was changed. Open the page again and resend the form."));
    }

    private static String csrf(Context ctx) {
        String header = ctx.header("X-CSRF-Token");
        return header != null ? header : ctx.formParam("csrf");
    }

    /** The cookie is the console's only ({@code Path} is its base), and {@code Secure} whenever HTTPS is in use. */
    private static ConsoleSessions.Session startSession(Context ctx, String base, ConsoleSessions.Session s) {
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + s.id + "; Path=" + base + "; HttpOnly; SameSite=Strict"
                + (secure(ctx) ? "; Secure" : ""));
        return s;
    }

    /** The request came over HTTPS, here or at a proxy in front that says so. */
    static boolean secure(Context ctx) {
        return ctx.scheme().equals("https") || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private static void secureHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }

    private void render(Context ctx, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template, params, out);
        ctx.contentType("text/html; charset=utf-8").result(out.toString());
    }

    private void render(Visit v, String template, Frame frame, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("frame", frame);
        render(v.ctx(), template, all);
    }

    // ---- signing in and out ----------------------------------------------------------------------------------

    private void signInForm(Context ctx, String base) {
        secureHeaders(ctx);
        ConsoleSessions.Session s = sessions.find(ctx.cookie(COOKIE));
        if (open() || s != null && s.signedIn) {
            ctx.redirect(base, HttpStatus.SEE_OTHER);
            return;
        }
        if (s == null) s = startSession(ctx, base, sessions.anonymous());
        showSignIn(ctx, base, s, null);
    }

    private void showSignIn(Context ctx, String base, ConsoleSessions.Session s, String error) {
        Map<String, Object> params = new HashMap<>();
        params.put("frame", new Frame("Sign in", base, s.csrf, open(), false, "sign-in", null, false));
        params.put("error", error);
        render(ctx, "signin.jte", params);
    }

    private void signIn(Context ctx, String base) {
        secureHeaders(ctx);
        ConsoleSessions.Session s = sessions.find(ctx.cookie(COOKIE));
        if (s == null || !s.csrfMatches(csrf(ctx))) {
            refuseForm(ctx, base, s);
            return;
        }
        if (open()) {
            ctx.redirect(base, HttpStatus.SEE_OTHER);
            return;
        }
        if (!Secrets.matches(apiKey, ctx.formParam("key"))) {
            log.info("console sign-in refused: wrong key");
            ctx.status(HttpStatus.UNAUTHORIZED);
            showSignIn(ctx, base, s, "That key did not sign you in. Check it and try again.");
            return;
        }
        startSession(ctx, base, sessions.signIn(s));
        log.info("console sign-in");
        ctx.redirect(base, HttpStatus.SEE_OTHER);
    }

    private void signOut(Visit v) {
        sessions.signOut(v.session());
        v.ctx().res().addHeader("Set-Cookie", COOKIE + "=; Path=" + v.base() + "; Max-Age=0; HttpOnly; SameSite=Strict"
                + (secure(v.ctx()) ? "; Secure" : ""));
        v.ctx().redirect(v.base() + "/sign-in", HttpStatus.SEE_OTHER);
    }

    // ---- pages -----------------------------------------------------------------------------------------------

    private void dashboard(Visit v) {
        List<BroadcastLine> running = List.of();
        boolean more = false;
        if (manageBroadcasts != null) {
            // one more than shown tells whether there are more
            List<BroadcastView> found = manageBroadcasts.running(RUNNING_SHOWN + 1);
            more = found.size() > RUNNING_SHOWN;
            running = found.stream().limit(RUNNING_SHOWN).map(Displays::line).toList();
        }
        render(v, "dashboard.jte", v.frame("Dashboard", "dashboard"),
                Map.of("page", DashboardPage.of(viewDashboard.dashboard(), manageBroadcasts != null, running, more)));
    }

    /**
     * Search by phone or name prefix, filter by consent, status and group, in keyset pages: the same use case and
     * query as {@code GET /api/v1/contacts}. A full number that finds exactly its contact opens that contact.
     */
    private void contacts(Visit v) {
        ContactSearch search = ContactSearch.from(v.ctx()::queryParam);
        List<ContactList.GroupOption> groups = manageGroups.names().stream()
                .map(g -> new ContactList.GroupOption(Long.toString(g.id()), g.name())).toList();
        String problem = search.problem();
        List<ContactLine> lines = List.of();
        String next = null;
        if (problem != null) {
            v.ctx().status(HttpStatus.BAD_REQUEST);
        } else {
            io.consentflow.application.port.in.ContactPage page = manageContacts.list(search.query());
            if (page.contacts().size() == 1 && search.after().isEmpty() && page.next() == null
                    && isTheNumber(search.q(), page.contacts().get(0).phone())) {
                v.ctx().redirect(v.base() + "/contacts/" + page.contacts().get(0).phone().digits(), HttpStatus.SEE_OTHER);
                return;
            }
            lines = page.contacts().stream().map(Displays::line).toList();
            next = page.next() == null ? null : v.base() + "/contacts" + search.link(page.next());
        }
        String first = search.after().isEmpty() ? null : v.base() + "/contacts" + search.link(null);
        render(v, "contacts.jte", v.frame("Contacts", "contacts"), Map.of("list", new ContactList(search.q(),
                search.consent(), search.status(), search.group(), groups, lines, next, first, search.narrowed(),
                problem)));
    }

    /** Staff typed this contact's whole number (spaces, dashes, brackets and a leading + allowed). */
    private static boolean isTheNumber(String typed, Phone phone) {
        return typed.replaceAll("[\\s()+-]", "").equals(phone.digits());
    }

    private void contact(Visit v) {
        Optional<Phone> phone = phone(v.ctx().pathParam("phone"));
        Optional<Contact> contact = phone.flatMap(viewContacts::contact);
        if (contact.isEmpty()) {
            notFound(v, "No such contact", "No contact has that number.");
            return;
        }
        showContact(v, contact.get(), v.ctx().queryParam("notice"));
    }

    private void showContact(Visit v, Contact c, String notice) {
        // one more than shown tells whether older messages were left out
        List<Message> latest = viewContacts.latestMessages(c.phone(), CONVERSATION + 1).orElse(List.of());
        boolean older = latest.size() > CONVERSATION;
        ContactPage page = Displays.contact(c, viewContacts.consentHistory(c.phone()).orElse(List.of()),
                older ? latest.subList(1, latest.size()) : latest, older, notice);
        String title = c.name() == null || c.name().isBlank() ? "+" + c.phone().digits() : c.name();
        render(v, "contact.jte", v.frame(title, "contacts"), Map.of("page", page));
    }

    private void notFound(Visit v, String heading, String text) {
        v.ctx().status(HttpStatus.NOT_FOUND);
        render(v, "message.jte", v.frame(heading, ""), Map.of("heading", heading, "text", text));
    }

    /** Through the consent use case, method {@code api}: the note is the evidence, as with the admin API. */
    private void recordConsent(Visit v) {
        Optional<Phone> phone = phone(v.ctx().pathParam("phone"));
        if (phone.isEmpty() || viewContacts.contact(phone.get()).isEmpty()) {
            notFound(v, "No such contact", "No contact has that number.");
            return;
        }
        String status = v.ctx().formParam("status");
        ConsentState to = ConsentState.OPTED_IN.wire().equals(status) ? ConsentState.OPTED_IN
                : ConsentState.OPTED_OUT.wire().equals(status) ? ConsentState.OPTED_OUT : null;
        String note = v.ctx().formParam("note");
        if (to == null || note != null && note.length() > MAX_NOTE) {
            v.ctx().status(HttpStatus.BAD_REQUEST);
            showContact(v, viewContacts.contact(phone.get()).orElseThrow(), to == null
                    ? "Choose the new status: opted in or opted out. Nothing was recorded."
                    : "The note is longer than " + MAX_NOTE + " characters. Nothing was recorded.");
            return;
        }
        String evidence = note == null || note.isBlank() ? "console" : note.strip();
        changeConsent.change(new ChangeConsentCommand(phone.get(), to, ConsentMethod.API, evidence, null, false));
        log.info("consent of {} set to {} in the console", phone.get().masked(), to.wire());
        v.ctx().redirect(v.base() + "/contacts/" + phone.get().digits() + "?notice="
                + URLEncoder.encode("Consent recorded: " + to.wire() + ".", StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
    }

    /** Through the same use case as {@code POST /api/v1/contacts/{phone}/block} and {@code /unblock}. */
    private void block(Visit v, boolean block) {
        Optional<Phone> phone = phone(v.ctx().pathParam("phone"));
        Optional<Contact> changed = phone.flatMap(p -> block ? manageContacts.block(p) : manageContacts.unblock(p));
        if (changed.isEmpty()) {
            notFound(v, "No such contact", "No contact has that number.");
            return;
        }
        log.info("contact {} {} in the console", phone.get().masked(), block ? "blocked" : "unblocked");
        redirect(v, "/contacts/" + phone.get().digits(), block ? "Blocked: nothing will be sent to this contact and "
                + "its messages are ignored." : "Unblocked: the status is " + changed.get().status().wire() + " again.");
    }

    // ---- templates -------------------------------------------------------------------------------------------

    /** The template registry, as {@code GET /api/v1/templates} lists it. */
    private void templates(Visit v) {
        List<TemplateLine> lines = manageTemplates.templates(null).stream().map(Displays::line).toList();
        render(v, "templates.jte", v.frame("Templates", "templates"), Map.of("templates", lines));
    }

    // ---- broadcasts ------------------------------------------------------------------------------------------

    /** Broadcasts per page of the list. */
    static final int BROADCASTS_PAGE = 50;
    /** Running broadcasts the dashboard and the list name; beyond them, "and more". */
    static final int RUNNING_SHOWN = 10;

    /**
     * Every broadcast in pages of {@value #BROADCASTS_PAGE}, in the order they were made (their ids are
     * time-ordered), as {@code GET /api/v1/broadcasts} pages them; the running ones above, whichever page.
     */
    private void broadcasts(Visit v) {
        String after = v.ctx().queryParam("after");
        UUID afterId = null;
        String problem = null;
        if (after != null && !after.isEmpty()) {
            afterId = uuid(after);
            if (afterId == null) problem = "This page's link is damaged: start from the first page.";
        }
        List<BroadcastLine> lines = List.of();
        String next = null;
        if (problem != null) {
            v.ctx().status(HttpStatus.BAD_REQUEST);
        } else {
            List<BroadcastView> found = manageBroadcasts.list(afterId, BROADCASTS_PAGE + 1);
            List<BroadcastView> page = found.size() > BROADCASTS_PAGE ? found.subList(0, BROADCASTS_PAGE) : found;
            lines = page.stream().map(Displays::line).toList();
            if (found.size() > BROADCASTS_PAGE) {
                next = v.base() + "/broadcasts?after=" + page.get(page.size() - 1).broadcast().id();
            }
        }
        List<BroadcastView> running = manageBroadcasts.running(RUNNING_SHOWN + 1);
        Map<String, Object> params = new HashMap<>();
        params.put("lines", lines);
        params.put("running", running.stream().limit(RUNNING_SHOWN).map(Displays::line).toList());
        params.put("moreRunning", running.size() > RUNNING_SHOWN);
        params.put("next", next);
        params.put("first", afterId == null && problem == null ? null : v.base() + "/broadcasts");
        params.put("problem", problem);
        params.put("notice", v.ctx().queryParam("notice"));
        render(v, "broadcasts.jte", v.frame("Broadcasts", "broadcasts"), params);
    }

    private void newBroadcast(Visit v) {
        showBroadcastForm(v, BroadcastDraft.from(v.ctx()::queryParam), Map.of());
    }

    private void showBroadcastForm(Visit v, BroadcastDraft draft, Map<String, String> errors) {
        List<BroadcastForm.TemplateOption> templates = templateOptions();
        int inputs = templates.stream().mapToInt(BroadcastForm.TemplateOption::params).max().orElse(0);
        List<BroadcastForm.GroupOption> groups = manageGroups.names().stream()
                .map(g -> new BroadcastForm.GroupOption(Long.toString(g.id()), g.name())).toList();
        render(v, "broadcastform.jte", v.frame("New broadcast", "broadcasts"), Map.of("form",
                new BroadcastForm(draft, templates, groups, Math.min(inputs, BroadcastDraft.MAX_PARAMS), errors)));
    }

    /** One choice per template name: a broadcast names a template, each recipient gets it in their language. */
    private List<BroadcastForm.TemplateOption> templateOptions() {
        Map<String, List<MessageTemplate>> byName = new LinkedHashMap<>();
        for (MessageTemplate t : manageTemplates.templates(null)) {
            byName.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(t);
        }
        return byName.values().stream().map(entries -> new BroadcastForm.TemplateOption(entries.get(0).name(),
                entries.stream().map(MessageTemplate::language).collect(Collectors.joining(", ")),
                entries.get(0).params())).toList();
    }

    /**
     * The step before sending: the form checked as the use case would check it (its template known and given the
     * parameters each of its languages takes, the group there), then the group's opted-in members counted now.
     * Nothing is created here.
     */
    private void checkBroadcast(Visit v) {
        BroadcastDraft draft = BroadcastDraft.from(v.ctx()::formParam);
        Map<String, String> errors = new LinkedHashMap<>(draft.problems());
        if (!draft.template().isEmpty()) {
            List<MessageTemplate> entries = manageTemplates.templates(draft.template());
            if (entries.isEmpty()) {
                errors.put("template", "No template named '" + draft.template() + "' is registered.");
            } else {
                for (MessageTemplate t : entries) {
                    if (t.params() != draft.params().size()) {
                        errors.putIfAbsent("params", "Template '" + t.name() + "' (" + t.language() + ") takes "
                                + t.params() + " parameter(s); " + draft.params().size() + " filled in.");
                    }
                }
            }
        }
        Optional<GroupView> group = draft.groupId() == null ? Optional.empty() : manageGroups.get(draft.groupId());
        if (!errors.containsKey("group") && group.isEmpty()) errors.put("group", "That group does not exist any more.");
        if (!errors.isEmpty()) {
            v.ctx().status(HttpStatus.BAD_REQUEST);
            showBroadcastForm(v, draft, errors);
            return;
        }
        GroupView g = group.get();
        render(v, "broadcastcheck.jte", v.frame("Send the broadcast?", "broadcasts"), Map.of("check",
                new BroadcastCheck(draft, templateText(draft.template(), draft.params()), g.name(), g.members(),
                        g.byConsent().get(ConsentState.OPTED_IN),
                        draft.startAt() == null ? null : Displays.time(draft.startAt()))));
    }

    /** The group's opted-in members as the form's fragment shows them (htmx, when the group chosen changes). */
    private void audience(Visit v) {
        BroadcastDraft draft = BroadcastDraft.from(v.ctx()::queryParam);
        Optional<GroupView> group = draft.groupId() == null ? Optional.empty() : manageGroups.get(draft.groupId());
        Map<String, Object> params = new HashMap<>();
        params.put("group", group.orElse(null));
        params.put("optedIn", group.map(g -> g.byConsent().get(ConsentState.OPTED_IN)).orElse(0L));
        StringOutput out = new StringOutput();
        templates.render("broadcastaudience.jte", params, out);
        v.ctx().contentType("text/html; charset=utf-8").result(out.toString());
    }

    /**
     * Through the same use case as {@code POST /api/v1/broadcasts}: what it refuses is shown next to the field at
     * fault, and nothing is created.
     */
    private void createBroadcast(Visit v) {
        BroadcastDraft draft = BroadcastDraft.from(v.ctx()::formParam);
        Map<String, String> problems = draft.problems();
        if (!problems.isEmpty()) {
            v.ctx().status(HttpStatus.BAD_REQUEST);
            showBroadcastForm(v, draft, problems);
            return;
        }
        BroadcastView created;
        try {
            created = manageBroadcasts.create(draft.request());
        } catch (InvalidBroadcastException e) {
            v.ctx().status(HttpStatus.UNPROCESSABLE_CONTENT);
            showBroadcastForm(v, draft, Map.of(BroadcastDraft.formField(e.field()), sentence(e.getMessage())));
            return;
        }
        log.info("broadcast {} created in the console", created.broadcast().id());
        redirect(v, "/broadcasts/" + created.broadcast().id(), created.broadcast().at().isAfter(clock.instant())
                ? "Scheduled: it starts at " + Displays.time(created.broadcast().at()) + "."
                : "Created: it starts now.");
    }

    /** The service's message as a sentence: capital first, full stop last. */
    private static String sentence(String message) {
        if (message == null || message.isEmpty()) return "The broadcast was refused.";
        String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }

    private void broadcast(Visit v) {
        Optional<BroadcastView> found = findBroadcast(v);
        if (found.isEmpty()) {
            notFound(v, "No such broadcast", "There is no broadcast with that id.");
            return;
        }
        BroadcastPage page = broadcastPage(found.get(), v.ctx().queryParam("notice"));
        render(v, "broadcast.jte", v.frame(found.get().broadcast().name(), "broadcasts"), Map.of("page", page));
    }

    /** The progress fragment alone, which the page polls while the broadcast is live. */
    private void broadcastProgress(Visit v) {
        Optional<BroadcastView> found = findBroadcast(v);
        if (found.isEmpty()) {
            v.ctx().status(HttpStatus.NOT_FOUND).result("");
            return;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("frame", v.frame(found.get().broadcast().name(), "broadcasts"));
        params.put("page", broadcastPage(found.get(), null));
        render(v.ctx(), "broadcastprogress.jte", params);
    }

    private Optional<BroadcastView> findBroadcast(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        return id == null ? Optional.empty() : manageBroadcasts.find(id);
    }

    private BroadcastPage broadcastPage(BroadcastView view, String notice) {
        String audience;
        if (view.broadcast().audience() instanceof Audience.Group g) {
            // the groups table alone: no member counted
            audience = manageGroups.names().stream().filter(n -> n.id() == g.id()).findFirst()
                    .map(n -> "group " + n.name()).orElse("group " + g.id() + " (deleted)");
        } else {
            audience = ((Audience.Phones) view.broadcast().audience()).phones().size() + " contact(s)";
        }
        return Displays.page(view, audience, notice);
    }

    /** Through the same use case as {@code POST /api/v1/broadcasts/{id}/cancel}: it answers once nothing more leaves. */
    private void cancelBroadcast(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        try {
            Optional<BroadcastView> cancelled = id == null ? Optional.empty() : manageBroadcasts.cancel(id);
            if (cancelled.isEmpty()) {
                notFound(v, "No such broadcast", "There is no broadcast with that id.");
                return;
            }
        } catch (BroadcastFinishedException e) {
            redirect(v, "/broadcasts/" + id, "Not cancelled: it was done already, every recipient handled.");
            return;
        }
        log.info("broadcast {} cancelled in the console", id);
        redirect(v, "/broadcasts/" + id, "Cancelled: nothing more of it will be sent.");
    }

    private static UUID uuid(String text) {
        if (text == null || text.length() != 36) return null;
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What a broadcast sends, as the console names it. */
    static String templateText(String name, List<String> params) {
        return params.isEmpty() ? "template " + name : "template " + name + " with " + params.stream()
                .map(p -> "\u201c" + p + "\u201d").collect(Collectors.joining(", "));
    }

    // ---- flows -----------------------------------------------------------------------------------------------

    private void flows(Visit v) {
        showFlows(v, v.ctx().queryParam("notice"), List.of(), List.of());
    }

    private void showFlows(Visit v, String notice, List<String> problems, List<String> warnings) {
        OrgSettings settings = manageSettings.settings();
        List<FlowRow> rows = manageFlows.list().stream()
                .map(f -> FlowRow.of(f.flow(), settings))
                .sorted(Comparator.comparing(FlowRow::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
        Map<String, Object> params = new HashMap<>();
        params.put("flows", rows);
        params.put("notice", notice);
        params.put("problems", problems);
        params.put("warnings", warnings);
        render(v, "flows.jte", v.frame("Flows", "flows"), params);
    }

    /**
     * Through the same use case as {@code POST /api/v1/flows/import}: all or nothing; what it refuses is shown with
     * the field at fault, what it warns about after the import.
     */
    private void importFlows(Visit v) {
        UploadedFile file = v.ctx().uploadedFile("file");
        if (file == null || file.size() == 0) {
            v.ctx().status(HttpStatus.BAD_REQUEST);
            showFlows(v, null, List.of("Choose a flow file (.json) to import."), List.of());
            return;
        }
        if (file.size() > MAX_IMPORT_BYTES) {
            v.ctx().status(HttpStatus.CONTENT_TOO_LARGE);
            showFlows(v, null, List.of("The file is larger than " + MAX_IMPORT_BYTES / 1024 / 1024 + " MiB."),
                    List.of());
            return;
        }
        String json;
        try (var in = file.content()) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportResult result;
        try {
            result = manageFlows.importFlows(new FlowImport(json, keywords(v.ctx().formParam("keywords")),
                    "true".equals(v.ctx().formParam("ignoreKeywords"))));
        } catch (FlowFormatException e) {
            v.ctx().status(HttpStatus.UNPROCESSABLE_CONTENT);
            showFlows(v, null, List.of(e.where() == null ? e.detail() : e.where() + ": " + e.detail()), List.of());
            return;
        } catch (InvalidFlowException e) {
            v.ctx().status(HttpStatus.UNPROCESSABLE_CONTENT);
            showFlows(v, null, List.of(e.where() == null ? e.detail() : e.where() + ": " + e.detail()), List.of());
            return;
        } catch (InvalidKeywordException e) {
            v.ctx().status(HttpStatus.UNPROCESSABLE_CONTENT);
            showFlows(v, null, List.of(e.getMessage()), List.of());
            return;
        }
        List<String> warnings = new ArrayList<>();
        for (var f : result.flows()) {
            for (var w : f.warnings()) warnings.add(f.stored().flow().name() + ": " + w.path() + ": " + w.detail());
        }
        log.info("imported {} flow(s) in the console", result.flows().size());
        showFlows(v, "Imported: " + result.flows().stream().map(f -> f.stored().flow().name())
                .collect(Collectors.joining(", ")) + ".", List.of(), warnings);
    }

    private static List<String> keywords(String typed) {
        if (typed == null) return List.of();
        return Arrays.stream(typed.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    private void flow(Visit v) {
        Optional<StoredFlow> flow = manageFlows.get(v.ctx().pathParam("uuid"));
        if (flow.isEmpty()) {
            notFound(v, "No such flow", "There is no flow with that id.");
            return;
        }
        showFlow(v, flow.get(), v.ctx().queryParam("notice"));
    }

    private void showFlow(Visit v, StoredFlow stored, String notice) {
        Map<String, Object> params = new HashMap<>();
        params.put("flow", FlowRow.of(stored.flow(), manageSettings.settings()));
        params.put("diagram", FlowDiagram.of(stored.flow()));
        params.put("notice", notice);
        render(v, "flow.jte", v.frame(stored.flow().name(), "flows"), params);
    }

    private void updateFlow(Visit v) {
        String uuid = v.ctx().pathParam("uuid");
        Optional<StoredFlow> flow = manageFlows.get(uuid);
        if (flow.isEmpty()) {
            notFound(v, "No such flow", "There is no flow with that id.");
            return;
        }
        List<String> keywords = keywords(v.ctx().formParam("keywords"));
        try {
            if (keywords.size() > Flow.MAX_KEYWORDS) {
                throw new InvalidFlowException("keywords", "a flow has at most "
                        + Flow.MAX_KEYWORDS + " keywords");
            }
            manageFlows.update(uuid, new FlowPatch(keywords, "true".equals(v.ctx().formParam("ignoreKeywords")),
                    "true".equals(v.ctx().formParam("active"))));
        } catch (InvalidFlowException | InvalidKeywordException e) {
            v.ctx().status(HttpStatus.UNPROCESSABLE_CONTENT);
            showFlow(v, flow.get(), "Not saved: " + e.getMessage());
            return;
        }
        redirect(v, "/flows/" + uuid, "Saved.");
    }

    /** Through the settings use case: the opt-in flow must contain the opt-in action, as the API requires. */
    private void setRole(Visit v) {
        String uuid = v.ctx().pathParam("uuid");
        Optional<StoredFlow> flow = manageFlows.get(uuid);
        if (flow.isEmpty()) {
            notFound(v, "No such flow", "There is no flow with that id.");
            return;
        }
        String role = String.valueOf(v.ctx().formParam("role"));
        try {
            switch (role) {
                case "optin" -> manageSettings.setOptinFlow(uuid);
                case "new_contact" -> manageSettings.setNewContactFlow(uuid);
                case "no_optin" -> {
                    if (uuid.equals(manageSettings.settings().optinFlow())) manageSettings.setOptinFlow(null);
                }
                case "no_new_contact" -> {
                    if (uuid.equals(manageSettings.settings().newContactFlow())) manageSettings.setNewContactFlow(null);
                }
                default -> {
                    v.ctx().status(HttpStatus.BAD_REQUEST);
                    showFlow(v, flow.get(), "Choose a role to change.");
                    return;
                }
            }
        } catch (InvalidFlowException e) {
            v.ctx().status(HttpStatus.UNPROCESSABLE_CONTENT);
            showFlow(v, flow.get(), "Not changed: " + e.detail());
            return;
        }
        log.info("flow {} role {} set in the console", uuid, role);
        redirect(v, "/flows/" + uuid, "Role changed.");
    }

    private static void redirect(Visit v, String path, String notice) {
        v.ctx().redirect(v.base() + path + "?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
    }

    // ---- the simulator ---------------------------------------------------------------------------------------

    private Phone simulatorPhone(ConsoleSessions.Session s) {
        if (s.simulatorPhone() == null) s.simulatorPhone(sessions.newTestPhone());
        return Phone.parse(s.simulatorPhone());
    }

    private void simulator(Visit v) {
        Phone phone = simulatorPhone(v.session());
        Optional<Contact> contact = viewContacts.contact(phone);
        Map<String, Object> params = new HashMap<>();
        params.put("phone", phone.digits());
        params.put("consent", contact.map(c -> c.consent().state().wire()).orElse("unknown"));
        params.put("chat", Displays.bubbles(viewContacts.messages(phone).orElse(List.of())));
        render(v, "simulator.jte", v.frame("Simulator", "simulator"), params);
    }

    /**
     * What the test contact typed or tapped, through the same use case as a webhook's message: flows, keywords and
     * consent apply as for a beneficiary; the replies wait in the outbox, which never hands them to a provider.
     */
    private void simulatorSend(Visit v) {
        String text = v.ctx().formParam("text");
        if (text != null && !text.isBlank() && text.length() <= MAX_TEXT) {
            MessageType type = switch (String.valueOf(v.ctx().formParam("kind"))) {
                case "quick_reply" -> MessageType.QUICK_REPLY;
                case "list_reply" -> MessageType.LIST_REPLY;
                default -> MessageType.TEXT;
            };
            receiveMessage.receive(new InboundMessage(SIMULATOR, "sim." + Long.toUnsignedString(random.nextLong(), 36)
                    + "." + clock.millis(), simulatorPhone(v.session()), "Simulator", type, text, clock.instant()));
        }
        v.ctx().redirect(v.base() + "/simulator", HttpStatus.SEE_OTHER);
    }

    private void simulatorReset(Visit v) {
        v.session().simulatorPhone(sessions.newTestPhone());
        v.ctx().redirect(v.base() + "/simulator", HttpStatus.SEE_OTHER);
    }

    private static Optional<Phone> phone(String text) {
        try {
            return Optional.of(Phone.parse(text));
        } catch (InvalidPhoneException e) {
            return Optional.empty();
        }
    }
}
