package io.consentflow.adapter.http;

import io.consentflow.adapter.http.admin.BroadcastRoutes;
import io.consentflow.adapter.http.admin.ContactRoutes;
import io.consentflow.adapter.http.admin.FlowRoutes;
import io.consentflow.adapter.http.admin.GroupRoutes;
import io.consentflow.adapter.http.admin.TicketRoutes;
import io.consentflow.adapter.http.admin.MessageRoutes;
import io.consentflow.adapter.http.admin.SettingsRoutes;
import io.consentflow.adapter.http.admin.TemplateRoutes;
import io.consentflow.adapter.http.console.ApiReference;
import io.consentflow.adapter.http.console.Console;
import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.gupshup.GupshupWebhook;
import io.consentflow.adapter.http.meta.MetaWebhook;
import io.consentflow.adapter.http.provider.SkippedEvents;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The HTTP side of Consentflow: provider webhooks ({@code /webhooks/gupshup}, {@code /webhooks/meta}), results
 * posted for waiting runs ({@code /webhooks/flow-resume}), the admin
 * API ({@code /api/v1}) and {@code /health}. {@link #configure(JavalinConfig)} makes a whole Javalin app ours
 * (the service's server, {@link #create()}): the JSON mapper, the routes, the API-key check, the body size limit
 * and RFC 7807 problem bodies for every error; {@link #mount} adds only our routes to a host's app, under a prefix.
 */
public final class HttpAdapter {
    private final HttpSettings settings;
    private final Json json = new Json();
    private final GupshupWebhook gupshup;
    private final MetaWebhook meta;
    private final ContactRoutes contacts;
    private final GroupRoutes groups;
    private final MessageRoutes messages;
    private final FlowRoutes flows;
    private final SettingsRoutes orgSettings;
    private final TemplateRoutes templates;
    private final HealthRoutes health;
    private final TicketRoutes tickets;
    private final BroadcastRoutes broadcasts;
    private final FlowResumeRoute flowResume;
    private final Console console;
    private final ApiReference reference = new ApiReference();

    /**
     * @param settings      secrets and the body limit
     * @param useCases      what the routes call; an optional one left null leaves its routes out
     * @param clock         when a provider's callback carries no time, the message arrived at this clock's now
     * @param skippedEvents told of each callback item left out as unreadable (e.g. to count them)
     * @param consoleRandom a cryptographically strong generator (a {@code SecureRandom}) for the staff console's
     *                      session and CSRF tokens; null serves no console. With one, {@code useCases} must carry
     *                      {@link HttpUseCases#viewDashboard()}
     */
    public HttpAdapter(HttpSettings settings, HttpUseCases useCases, Clock clock, SkippedEvents skippedEvents,
                       RandomGenerator consoleRandom) {
        this.settings = Objects.requireNonNull(settings, "settings");
        HttpUseCases u = Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(clock, "clock");
        this.gupshup = new GupshupWebhook(json, u.receiveMessage(), u.changeConsent(), u.recordDeliveryStatus(),
                settings.gupshupToken(), clock);
        this.meta = new MetaWebhook(json, u.receiveMessage(), u.changeConsent(), u.recordDeliveryStatus(),
                settings.metaVerifyToken(), settings.metaAppSecret(), clock,
                Objects.requireNonNull(skippedEvents, "skippedEvents"));
        this.contacts = new ContactRoutes(json, u.viewContacts(), u.changeConsent(), u.manageContacts(),
                u.importContacts());
        this.groups = new GroupRoutes(json, u.manageGroups());
        this.messages = new MessageRoutes(json, u.sendMessage(), u.viewContacts());
        this.flows = new FlowRoutes(json, u.manageFlows(), settings.maxBodyBytes());
        this.orgSettings = new SettingsRoutes(json, u.manageSettings());
        this.templates = new TemplateRoutes(json, u.manageTemplates());
        this.health = new HealthRoutes(json, u.checkHealth());
        this.tickets = u.viewTickets() == null ? null : new TicketRoutes(json, u.viewTickets());
        this.broadcasts = u.manageBroadcasts() == null ? null : new BroadcastRoutes(json, u.manageBroadcasts());
        this.flowResume = u.resumeFlow() == null ? null : new FlowResumeRoute(json, u.resumeFlow(), settings.apiKey());
        this.console = consoleRandom == null ? null
                : new Console(u.viewContacts(), u.changeConsent(), u.receiveMessage(), u.manageFlows(),
                        u.manageSettings(), Objects.requireNonNull(u.viewDashboard(), "viewDashboard"),
                        u.manageContacts(), u.manageGroups(), u.manageTemplates(), u.manageBroadcasts(),
                        settings.apiKey(), clock, consoleRandom);
    }

    /**
     * Makes a whole app ours (the service's own server, {@link #create()}): the JSON mapper, the body limit, error
     * handlers, the API-key check and all routes, health included, at their paths. A host that has routes of its
     * own mounts ours with {@link #mount} instead.
     */
    public void configure(JavalinConfig cfg) {
        cfg.jsonMapper(new JavalinJackson(json.mapper(), false));
        cfg.http.maxRequestSize = settings.maxBodyBytes();
        cfg.http.prefer405over404 = true;
        // errors Jetty answers itself (an unparsable request line, a URI too long) are problem bodies too
        cfg.jetty.modifyServer(server -> server.setErrorHandler(JettyErrors.serverHandler(json)));
        new ErrorHandlers(json, settings.maxBodyBytes()).register(cfg.routes);
        new ApiKeyAuth(settings.apiKey()).register(cfg.routes);
        new AdminContentType().register(cfg.routes);
        health.register(cfg.routes);
        registerRoutes(cfg.routes, "");
        if (console != null) cfg.routes.get("/", ctx -> ctx.redirect("/console"));
    }

    /**
     * Adds our webhooks and admin API to a host's app under {@code prefix} ({@code /consentflow} serves
     * {@code /consentflow/webhooks/gupshup}, {@code /consentflow/api/v1/...}), and {@code GET prefix/health} when
     * asked. Only routes are added: our mapper, body limit, problem bodies and API-key check travel with each of
     * them (see {@link MountedRoutes}); the host's app, its other routes and its settings stay as they are.
     *
     * @param observer told when each of these routes has answered (e.g. metrics)
     */
    public void mount(JavalinDefaultRoutingApi app, String prefix, boolean withHealth, RequestObserver observer) {
        MountedRoutes mounted = new MountedRoutes(app, MountedRoutes.prefix(prefix), settings.maxBodyBytes(),
                new ApiKeyAuth(settings.apiKey()), new AdminContentType(),
                new ErrorHandlers(json, settings.maxBodyBytes()), Objects.requireNonNull(observer, "observer"));
        if (withHealth) health.register(mounted);
        registerRoutes(mounted, MountedRoutes.prefix(prefix));
    }

    /**
     * A route of a host's choice among ours (e.g. {@code /metrics}), mounted like {@link #mount}'s: our problem
     * bodies, our body limit, nothing added for the app.
     */
    public void mountRoute(JavalinDefaultRoutingApi app, String prefix, String path, io.javalin.http.Handler handler,
                           RequestObserver observer) {
        new MountedRoutes(app, MountedRoutes.prefix(prefix), settings.maxBodyBytes(), new ApiKeyAuth(null),
                new AdminContentType(), new ErrorHandlers(json, settings.maxBodyBytes()), observer).get(path, handler);
    }

    private void registerRoutes(JavalinDefaultRoutingApi routes, String prefix) {
        gupshup.register(routes);
        meta.register(routes);
        contacts.register(routes);
        groups.register(routes);
        messages.register(routes);
        flows.register(routes);
        orgSettings.register(routes);
        if (tickets != null) tickets.register(routes);
        if (broadcasts != null) broadcasts.register(routes);
        if (flowResume != null) flowResume.register(routes);
        templates.register(routes);
        reference.register(routes, prefix);
        if (console != null) console.register(routes, prefix);
    }

    /** An unstarted Javalin serving only this adapter, guarded against slow request bodies. */
    public Javalin create() {
        return Javalin.create(cfg -> {
            configureServer(cfg);
            configure(cfg);
        });
    }

    /**
     * Server-level protection for a server that serves this adapter (see {@link SlowBodyGuard}): what
     * {@link #create()} and the service's own server use. Not part of {@link #configure}: an embedding host decides
     * about its own server.
     */
    public void configureServer(JavalinConfig cfg) {
        SlowBodyGuard.install(cfg, Math.max(settings.maxBodyBytes(), 64 * 1024));
    }

    /**
     * For a host's own route (e.g. {@code /metrics}): when any of {@code accepted} is set, the request must carry
     * {@code Authorization: Bearer} with one of them, else it ends as a 401 problem; when none is set, it is open.
     */
    public static void requireBearer(io.javalin.http.Context ctx, String... accepted) {
        ApiKeyAuth.requireAny(ctx, accepted);
    }

    public HttpSettings settings() {
        return settings;
    }
}
