package io.consentflow.bootstrap;

import io.consentflow.adapter.http.HttpAdapter;
import io.consentflow.adapter.http.HttpSettings;
import io.consentflow.adapter.http.HttpUseCases;
import io.consentflow.adapter.http.Senders;
import io.consentflow.adapter.http.provider.ProviderClient;
import io.consentflow.adapter.http.provider.SenderSettings;
import io.consentflow.adapter.http.webhook.Webhooks;
import io.consentflow.application.port.in.CallWebhooksUseCase;
import io.consentflow.application.port.in.ResumeFlowUseCase;
import io.consentflow.application.port.out.WebhookFunctions;
import io.consentflow.application.service.FlowResumeService;
import io.consentflow.application.service.WebhookCallService;
import io.consentflow.application.port.in.DispatchOutboxUseCase;
import io.consentflow.application.port.in.ManageBroadcastsUseCase;
import io.consentflow.application.port.in.SendBroadcastsUseCase;
import io.consentflow.application.port.out.SendPace;
import io.consentflow.application.service.BroadcastSender;
import io.consentflow.application.service.BroadcastService;
import io.consentflow.application.port.out.MessageSender;
import io.consentflow.application.port.out.SendPace;
import io.consentflow.application.service.OutboxDispatcher;
import io.consentflow.application.service.TimeOrderedIds;
import io.consentflow.adapter.persistence.Migrations;
import io.consentflow.adapter.persistence.PersistenceAdapter;
import io.consentflow.application.port.in.ChangeConsentUseCase;
import io.consentflow.application.port.in.CheckHealthUseCase;
import io.consentflow.application.port.in.DeliverOutreachUseCase;
import io.consentflow.application.port.in.FireDueWaitsUseCase;
import io.consentflow.application.port.in.FoldCountsUseCase;
import io.consentflow.application.port.in.ImportContactsUseCase;
import io.consentflow.application.port.in.ManageContactsUseCase;
import io.consentflow.application.port.in.ManageGroupsUseCase;
import io.consentflow.application.port.in.ViewTicketsUseCase;
import io.consentflow.application.port.in.ManageFlowsUseCase;
import io.consentflow.application.port.in.ManageSettingsUseCase;
import io.consentflow.application.port.in.ReceiveMessageUseCase;
import io.consentflow.application.port.in.RecordDeliveryStatusUseCase;
import io.consentflow.application.port.in.SendMessageUseCase;
import io.consentflow.application.port.in.ViewContactsUseCase;
import io.consentflow.application.port.in.ViewDashboardUseCase;
import io.consentflow.application.service.DashboardService;
import io.consentflow.application.service.ConsentService;
import io.consentflow.application.service.ContactImportService;
import io.consentflow.application.service.ContactQueryService;
import io.consentflow.application.service.ContactService;
import io.consentflow.application.service.GroupService;
import io.consentflow.application.service.DeliveryStatusService;
import io.consentflow.application.service.DueWaitsService;
import io.consentflow.application.service.EngineFactory;
import io.consentflow.application.service.TemplateCatalog;
import io.consentflow.application.service.TemplateService;
import io.consentflow.application.port.in.ManageTemplatesUseCase;
import io.consentflow.application.service.FlowCatalog;
import io.consentflow.application.service.FlowService;
import io.consentflow.application.service.HealthService;
import io.consentflow.application.service.InboundMessageService;
import io.consentflow.application.service.OutreachService;
import io.consentflow.application.service.TicketQueryService;
import io.consentflow.application.service.SendService;
import io.consentflow.application.service.SettingsService;
import io.consentflow.application.port.in.ContactView;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.policy.InboundPolicy;
import io.consentflow.domain.policy.SendPolicy;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The engine as a library: build it on your own {@link DataSource}, call it directly, and optionally mount its
 * HTTP routes on your own Javalin under a prefix. {@link Main} is built on this same facade (with
 * {@link #createServer()}, a server that is all ours).
 *
 * <pre>{@code
 * Consentflow engine = Consentflow.builder(dataSource).apiKey("secret").build().startScheduler();
 * engine.receiveText("+919812345678", "hi", "wamid.1");                    // in-process
 * Javalin.create(cfg -> engine.routes("/consentflow").addTo(cfg));       // or its webhooks and admin API
 * engine.close();                                                         // every thread it started ends
 * }</pre>
 */
public final class Consentflow implements AutoCloseable {
    private final ReceiveMessageUseCase receiveMessage;
    private final ChangeConsentUseCase changeConsent;
    private final ViewContactsUseCase viewContacts;
    private final ManageFlowsUseCase manageFlows;
    private final ManageSettingsUseCase manageSettings;
    private final RecordDeliveryStatusUseCase recordDeliveryStatus;
    private final SendMessageUseCase sendMessage;
    private final ManageTemplatesUseCase manageTemplates;
    private final CheckHealthUseCase checkHealth;
    private final FireDueWaitsUseCase fireDueWaits;
    private final DeliverOutreachUseCase deliverOutreach;
    private final ViewTicketsUseCase viewTickets;
    private final DispatchOutboxUseCase dispatchOutbox;
    private final SendPace sendPace;
    private final ManageBroadcastsUseCase manageBroadcasts;
    private final SendBroadcastsUseCase sendBroadcasts;
    private final ThreadPoolExecutor broadcastSends;
    private BroadcastWorker broadcastWorker;
    private final ManageContactsUseCase manageContacts;
    private final ImportContactsUseCase importContacts;
    private final ManageGroupsUseCase manageGroups;
    private final CallWebhooksUseCase callWebhooks;
    private final ResumeFlowUseCase resumeFlow;
    private final Webhooks webhooks;
    private final ProviderClient webhookClient;
    private final ThreadPoolExecutor webhookCalls;
    private final int webhookConcurrency;
    private final Duration webhookLease;
    private final Duration webhookLongestBatch;
    private WebhookWorker webhookWorker;
    private final ViewDashboardUseCase viewDashboard;
    private final FoldCountsUseCase foldCounts;
    private final HttpSettings httpSettings;
    private final Clock clock;
    private final InboundProvider inboundProvider;
    private HttpAdapter http;
    private final Metrics metrics;
    private final Duration schedulerInterval;
    private final String apiKey;
    private final String metricsToken;
    private final Duration outboxIdle;
    private final ProviderClient providerClient;
    private final ThreadPoolExecutor ownSends;
    private DueWaitsScheduler scheduler;
    private OutboxWorker outboxWorker;
    private boolean closed;

    private Consentflow(Builder b) {
        if (b.migrate) Migrations.migrate(b.dataSource, b.schema);
        requireCurrentSchema(b.dataSource, b.schema, b.migrate);
        // the registry is fixed once built, so the import can ask it before the webhook client exists
        Map<String, Function<Map<String, Object>, Map<String, Object>>> functions = Map.copyOf(b.webhookFunctions);
        PersistenceAdapter db = new PersistenceAdapter(b.dataSource, name -> functions.containsKey(name.strip()));
        // One clock for all the engine times: the rules (consent, windows, waits), ids and the catalogue's cache
        // age. Randomness is fetched per call, so one source serves every thread.
        Clock clock = b.clock;
        RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
        Supplier<UUID> ids = b.ids != null ? b.ids : new TimeOrderedIds(clock, random);
        SendPolicy sendPolicy = new SendPolicy();
        // Changes made on another instance are seen within a second, without a version query per message.
        FlowCatalog catalog = new FlowCatalog(db.flows(), db.settings(), Duration.ofSeconds(1), clock);
        // The template registry, cached as the flows are: a sender picks a template from memory.
        TemplateCatalog templates = new TemplateCatalog(db.templates(), Duration.ofSeconds(1), clock);
        EngineFactory engines = new EngineFactory(sendPolicy, ids, random, templates::current);

        metrics = new Metrics(b.meterRegistry, b.meterTags);
        metrics.watchOutbox(db.outbox());
        receiveMessage = new InboundMessageService(db.conversations(), catalog, new InboundPolicy(), engines, clock,
                ids, metrics);
        changeConsent = new ConsentService(db.conversations(), clock, metrics);
        viewContacts = new ContactQueryService(db.contacts(), db.messages());
        manageContacts = new ContactService(db.conversations(), db.contactDirectory(), clock, metrics);
        importContacts = new ContactImportService(db.contactBatches(), clock, metrics);
        manageGroups = new GroupService(db.groups());
        manageFlows = new FlowService(db.transactions(), db.flows(), db.runs(), db.flowDefinitionReader(), catalog,
                clock);
        manageSettings = new SettingsService(db.transactions(), db.settings(), db.flows(), catalog);
        // the number's pace, one budget in the database for every instance: the outbox's replies count against it,
        // rate limits (answered or reported in a status) slow it down, broadcasts take what is left
        sendPace = db.sendPace(b.sendRate);
        recordDeliveryStatus = new DeliveryStatusService(db.messages(), db.conversations(), clock, metrics, sendPace);
        sendMessage = new SendService(db.conversations(), sendPolicy, clock, ids, metrics, templates::current);
        manageTemplates = new TemplateService(db.templates(), templates, clock, ids);
        checkHealth = new HealthService(db.health());
        fireDueWaits = new DueWaitsService(db.conversations(), db.runs(), catalog, engines, clock);
        deliverOutreach = new OutreachService(db.outreach(), db.contacts(), db.conversations(), catalog, engines,
                sendPolicy, ids, clock, metrics);
        viewTickets = new TicketQueryService(db.tickets());
        providerClient = new ProviderClient(b.senderSettings.timeout());
        MessageSender sender = b.sender != null ? b.sender : Senders.create(b.senderSettings, providerClient);
        // Provider calls run on the host's executor when it gives one; else on threads of our own, started by the
        // first batch (none at build), ended when idle and at close.
        Executor sends;
        if (b.sendExecutor != null) {
            ownSends = null;
            sends = b.sendExecutor;
        } else {
            ownSends = new ThreadPoolExecutor(b.sendConcurrency, b.sendConcurrency, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), new SendThreads());
            ownSends.allowCoreThreadTimeOut(true);
            sends = ownSends;
        }
        DashboardService dashboard = new DashboardService(db.dashboardFigures(), db.outbox(), clock);
        viewDashboard = dashboard;
        foldCounts = dashboard;
        dispatchOutbox = new OutboxDispatcher(db.outbox(), sender, clock, metrics, sends, sendPolicy, sendPace);
        // Broadcasts call the provider on threads of their own: a reply's call never queues behind a broadcast's
        // batch of hundreds. The pace is the number's one budget: the outbox's replies spend it first, never
        // waiting; broadcasts take what is left.
        broadcastSends = new ThreadPoolExecutor(b.sendConcurrency, b.sendConcurrency, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new NamedThreads("consentflow-broadcast-call-"));
        broadcastSends.allowCoreThreadTimeOut(true);
        BroadcastSender broadcastSender = new BroadcastSender(db.broadcasts(), db.conversations(), catalog, engines,
                templates::current, sender, sendPace, sendPolicy, ids, clock, metrics, broadcastSends,
                b.sendConcurrency);
        sendBroadcasts = broadcastSender;
        manageBroadcasts = new BroadcastService(db.broadcasts(), templates::current, catalog, ids, clock, () -> { },
                broadcastSender::cancelled);
        // Webhook calls: their own HTTP client (made on the first call), their own threads (started by the first
        // batch, ended when idle and at close), a lease that outlasts a call's connect and answer and the resume.
        webhookClient = new ProviderClient(b.webhookTimeout);
        webhooks = Webhooks.create(webhookClient, b.webhookTimeout, b.webhookDenyPrivate, b.webhookFunctions);
        webhookConcurrency = b.webhookConcurrency;
        webhookCalls = new ThreadPoolExecutor(webhookConcurrency, webhookConcurrency, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new NamedThreads("consentflow-webhook-"));
        webhookCalls.allowCoreThreadTimeOut(true);
        webhookLease = b.webhookTimeout.multipliedBy(2).plusSeconds(30);
        webhookLongestBatch = b.webhookTimeout.plusSeconds(5);
        callWebhooks = new WebhookCallService(db.webhookCalls(), webhooks, db.conversations(), catalog, engines, clock,
                webhookCalls, webhookLease);
        resumeFlow = new FlowResumeService(db.runs(), db.conversations(), catalog, engines, clock);
        httpSettings = new HttpSettings(b.apiKey, b.gupshupToken, b.metaVerifyToken, b.metaAppSecret, b.maxBodyBytes);
        this.clock = clock;
        inboundProvider = b.sender != null ? InboundProvider.HOST : switch (b.senderSettings.provider()) {
            case "gupshup" -> InboundProvider.GUPSHUP;
            case "meta" -> InboundProvider.META;
            default -> InboundProvider.HOST;
        };
        schedulerInterval = b.schedulerInterval;
        apiKey = b.apiKey;
        metricsToken = b.metricsToken;
        outboxIdle = b.outboxIdle;
    }

    /** A provider call, connecting included, must end within the outbox's lease (OutboxDispatcher.LATEST_START). */
    public static final Duration LONGEST_PROVIDER_TIMEOUT =
            OutboxDispatcher.LEASE.minus(OutboxDispatcher.LATEST_START).dividedBy(2);

    /**
     * Brings the engine's tables in the {@value Migrations#DEFAULT_SCHEMA} schema up to date, for hosts that
     * migrate at deploy time and build the engine with {@code migrate(false)}.
     */
    public static void migrate(DataSource dataSource) {
        migrate(dataSource, Migrations.DEFAULT_SCHEMA);
    }

    /**
     * Brings the engine's tables in {@code schema} up to date (creating the schema if needed). The history is
     * {@code consentflow_schema_history} and the files live under {@code io/consentflow/db/migration}, so a host's
     * own Flyway (its {@code flyway_schema_history}, its {@code db/migration}) shares the schema without
     * collisions. Safe from several instances at once.
     */
    public static void migrate(DataSource dataSource, String schema) {
        Migrations.migrate(Objects.requireNonNull(dataSource, "dataSource"), schema);
    }

    /**
     * The engine's queries name no schema: they resolve where the host's connections resolve names. A schema of
     * the host's choice must therefore come first on its pool's search path, or the engine would read and write
     * tables elsewhere (or fail on missing ones) long after start.
     */
    private static void requireCurrentSchema(DataSource dataSource, String schema, boolean migrated) {
        String current;
        try {
            current = Migrations.currentSchema(dataSource);
        } catch (IllegalStateException databaseDown) {
            if (migrated) throw databaseDown;
            return; // not migrating: the host may start before its database answers; /health tells
        }
        if (!schema.equals(current)) {
            throw new IllegalArgumentException("schema: the DataSource's connections resolve table names in '"
                    + current + "', not '" + schema + "'; give them currentSchema=" + schema
                    + " (e.g. on the JDBC URL) or set schema(\"" + current + "\")");
        }
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    // ---- in-process calls ------------------------------------------------------------------------------------

    /**
     * A text a contact sent, handed over by a host that hears from the provider itself: as a webhook would, it
     * records the message, applies opt-in/opt-out keywords and runs flows, in one transaction, received at the
     * engine's clock. It counts as coming from the engine's provider ({@code gupshup} or {@code meta}; with the
     * log provider or a host's own sender, {@link InboundProvider#HOST}); a {@code providerMessageId} seen before
     * from it changes nothing ({@code duplicate()}).
     *
     * @param phone the contact's number in international form, with or without {@code +} ({@code +919812345678})
     */
    public ReceiveMessageUseCase.Receipt receiveText(String phone, String text, String providerMessageId) {
        return receiveText(inboundProvider, phone, text, providerMessageId);
    }

    /** As {@link #receiveText(String, String, String)}, from the provider named. */
    public ReceiveMessageUseCase.Receipt receiveText(InboundProvider provider, String phone, String text,
                                                     String providerMessageId) {
        Objects.requireNonNull(provider, "provider");
        return receiveMessage.receive(new InboundMessage(provider.wire(), providerMessageId, Phone.parse(phone), null,
                MessageType.TEXT, text, clock.instant()));
    }

    /** The contact as it is now, as values (consent, status, fields); empty when the engine never met it. */
    public Optional<ContactView> contact(String phone) {
        return viewContacts.view(Phone.parse(phone));
    }

    // ---- use cases, for in-process callers ----------------------------------------------------------------

    public ReceiveMessageUseCase receiveMessage() { return receiveMessage; }
    public ChangeConsentUseCase changeConsent() { return changeConsent; }
    public ViewContactsUseCase viewContacts() { return viewContacts; }
    public ManageFlowsUseCase manageFlows() { return manageFlows; }
    public ManageSettingsUseCase manageSettings() { return manageSettings; }
    public RecordDeliveryStatusUseCase recordDeliveryStatus() { return recordDeliveryStatus; }
    public SendMessageUseCase sendMessage() { return sendMessage; }
    public ManageTemplatesUseCase manageTemplates() { return manageTemplates; }
    public CheckHealthUseCase checkHealth() { return checkHealth; }
    public FireDueWaitsUseCase fireDueWaits() { return fireDueWaits; }

    /** The broadcasts and flow starts flows queued for other contacts (the scheduler applies them). */
    public DeliverOutreachUseCase deliverOutreach() { return deliverOutreach; }

    /** The tickets flows opened. */
    public ViewTicketsUseCase viewTickets() { return viewTickets; }
    public DispatchOutboxUseCase dispatchOutbox() { return dispatchOutbox; }
    /**
     * The business number's pace ({@code sendRate}), shared through the database with every other engine on it:
     * what the outbox's replies spent, what a broadcast may take now, and the provider's rate limits.
     */
    public SendPace sendPace() { return sendPace; }
    /** Broadcasts: create, list, read and cancel ({@code /api/v1/broadcasts}). */
    public ManageBroadcastsUseCase manageBroadcasts() { return manageBroadcasts; }
    /** Fixes broadcasts' recipients and sends them (what {@link #startScheduler()} runs in the background). */
    public SendBroadcastsUseCase sendBroadcasts() { return sendBroadcasts; }
    public ManageContactsUseCase manageContacts() { return manageContacts; }
    public ImportContactsUseCase importContacts() { return importContacts; }
    public ManageGroupsUseCase manageGroups() { return manageGroups; }
    /** Makes the queued webhook calls and resumes their runs (what {@link #startScheduler()} runs in the background). */
    public CallWebhooksUseCase callWebhooks() { return callWebhooks; }
    /** Results posted for runs paused at {@code wait_for_result} ({@code POST /webhooks/flow-resume}). */
    public ResumeFlowUseCase resumeFlow() { return resumeFlow; }
    /** The functions registered for {@code FUNCTION} webhooks, by name (an import asks about the names it meets). */
    public WebhookFunctions webhookFunctions() { return webhooks; }
    public ViewDashboardUseCase viewDashboard() { return viewDashboard; }

    // ---- flows, for in-process callers ----------------------------------------------------------------------

    /**
     * Imports a Glific export ({@code {"flows":[{"definition":..,"keywords":[..],"ignore_keywords":..}]}}) as
     * {@code POST /api/v1/flows/import} does: all or nothing.
     *
     * @throws io.consentflow.application.port.FlowFormatException naming the field at fault
     * @throws io.consentflow.domain.flow.InvalidFlowException      naming a keyword the catalogue refuses
     */
    public ManageFlowsUseCase.ImportResult importGlificExport(String json) {
        return manageFlows.importFlows(ManageFlowsUseCase.FlowImport.glificExport(json));
    }

    /** Imports one bare flow-editor definition with its trigger settings, as the import route's query gives them. */
    public ManageFlowsUseCase.ImportResult importDefinition(String json, java.util.List<String> keywords,
                                                           boolean ignoreKeywords) {
        return manageFlows.importFlows(new ManageFlowsUseCase.FlowImport(json, keywords, ignoreKeywords));
    }

    // ---- HTTP (Javalin is loaded only from here on: an engine used without HTTP needs none) ------------

    /**
     * Our webhooks and admin API under {@code prefix} on a host's Javalin, and nothing else of the host's app
     * changes: {@code Javalin.create(cfg -> engine.routes("/consentflow").addTo(cfg))}. Health and metrics are
     * the host's to add ({@link ConsentflowRoutes#withHealth()}, {@link ConsentflowRoutes#withMetrics()}).
     */
    public ConsentflowRoutes routes(String prefix) {
        return new ConsentflowRoutes(this, prefix);
    }

    /**
     * Makes a whole Javalin app the engine's, as the service's own server is: our JSON mapper, body limit, error
     * handlers and API-key check for every route, {@code /health} and {@code /metrics}. A host with routes of
     * its own uses {@link #routes(String)} instead.
     */
    public void configure(JavalinConfig cfg) {
        ServiceServer.configure(this, cfg);
    }

    /** An unstarted Javalin serving only Consentflow, as the service does. */
    public Javalin createServer() {
        return ServiceServer.create(this);
    }

    /**
     * On stop, requests in flight finish (up to 10 s) while new connections are refused, so a webhook that was
     * being committed still gets its answer.
     */
    public static void gracefulStop(JavalinConfig cfg) {
        ServiceServer.gracefulStop(cfg);
    }

    /** The HTTP adapter, made on first use. */
    synchronized HttpAdapter http() {
        if (http == null) {
            HttpUseCases useCases = new HttpUseCases(receiveMessage, changeConsent, recordDeliveryStatus,
                    viewContacts, manageContacts, importContacts, sendMessage, manageGroups, manageFlows,
                    manageSettings, manageTemplates, checkHealth, viewTickets, manageBroadcasts, resumeFlow,
                    viewDashboard);
            http = new HttpAdapter(httpSettings, useCases, clock, metrics::webhookItemSkipped, new SecureRandom());
        }
        return http;
    }

    Metrics metrics() {
        return metrics;
    }

    String apiKey() {
        return apiKey;
    }

    String metricsToken() {
        return metricsToken;
    }

    /** The metrics registry, e.g. to add a host's own meters or to bind the connection pool's. */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /**
     * Starts the background work: firing due wait timeouts, delivering the outbox and making flows' webhook calls
     * (a thread each). Safe on several instances sharing one database.
     */
    public synchronized Consentflow startScheduler() {
        if (closed) throw new IllegalStateException("the engine is closed");
        if (scheduler == null) scheduler = new DueWaitsScheduler(fireDueWaits, deliverOutreach, foldCounts, schedulerInterval);
        if (outboxWorker == null) outboxWorker = new OutboxWorker(dispatchOutbox, outboxIdle);
        if (broadcastWorker == null) broadcastWorker = new BroadcastWorker(sendBroadcasts, outboxIdle);
        if (webhookWorker == null) {
            webhookWorker = new WebhookWorker(callWebhooks, webhookConcurrency, outboxIdle.plusMillis(100),
                    webhookLongestBatch);
        }
        return this;
    }

    /**
     * Ends everything the engine started: the scheduler, the outbox worker (which finishes its batch first), the
     * send threads, the provider's HTTP client; and takes its meters off the registry. A host's executor,
     * registry and DataSource stay the host's: they are neither shut down nor closed. Closing again does nothing;
     * a closed engine is not started again.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        // the webhook worker stops taking batches now; its batch in hand ends while the outbox finishes its own
        if (webhookWorker != null) webhookWorker.stopTaking();
        if (broadcastWorker != null) broadcastWorker.stopTaking();
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
        if (outboxWorker != null) {
            outboxWorker.close();
            outboxWorker = null;
        }
        if (webhookWorker != null) {
            webhookWorker.close();
            webhookWorker = null;
        }
        if (broadcastWorker != null) {
            broadcastWorker.close();
            broadcastWorker = null;
        }
        broadcastSends.shutdown();
        webhookCalls.shutdown();
        try {
            if (!webhookCalls.awaitTermination(webhookLongestBatch.toMillis(), TimeUnit.MILLISECONDS)) {
                webhookCalls.shutdownNow();
            }
        } catch (InterruptedException e) {
            webhookCalls.shutdownNow();
            Thread.currentThread().interrupt();
        }
        webhookClient.close();
        if (ownSends != null) {
            // the worker's batch has ended, so no call is in flight unless a host's own dispatchOnce still runs
            ownSends.shutdown();
            try {
                if (!ownSends.awaitTermination(LONGEST_PROVIDER_TIMEOUT.multipliedBy(2).toMillis(),
                        TimeUnit.MILLISECONDS)) {
                    ownSends.shutdownNow();
                }
            } catch (InterruptedException e) {
                ownSends.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        providerClient.close();
        metrics.close();
    }

    /** Daemon threads named {@code prefix} and a number. */
    private static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Daemon threads: they never keep a host's JVM alive. */
    private static final class SendThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "consentflow-send-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    public static final class Builder {
        private final DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private boolean migrate = true;
        private String schema = Migrations.DEFAULT_SCHEMA;
        private String apiKey;
        private String gupshupToken;
        private String metaVerifyToken;
        private String metaAppSecret;
        private String metricsToken;
        private long maxBodyBytes = 256 * 1024;
        private Duration schedulerInterval = Duration.ofSeconds(1);
        private Duration outboxIdle = Duration.ofMillis(100);
        private SenderSettings senderSettings = SenderSettings.log();
        private MessageSender sender;
        private int sendConcurrency = Config.DEFAULT_SEND_CONCURRENCY;
        private int sendRate = Config.DEFAULT_SEND_RATE;
        private Supplier<UUID> ids;
        private Executor sendExecutor;
        private MeterRegistry meterRegistry;
        private Tags meterTags = Tags.empty();
        private Duration webhookTimeout = Duration.ofMillis(Config.DEFAULT_WEBHOOK_TIMEOUT_MS);
        private boolean webhookDenyPrivate;
        private int webhookConcurrency = Config.DEFAULT_SEND_CONCURRENCY;
        private final Map<String, Function<Map<String, Object>, Map<String, Object>>> webhookFunctions =
                new LinkedHashMap<>();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The engine's time (default the system's, UTC): consent and message times, the 24-hour window, wait
         * timeouts, ids and how long the flow catalogue is trusted before it looks for changes made by other
         * instances (a clock that stands still makes it trust its cache until this instance changes a flow).
         */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock, "clock"); return this; }
        /**
         * Where message and run ids come from (default: time-ordered UUIDs, version 7, from the clock). Called from
         * many threads at once: it must be thread-safe, and every id unique.
         */
        public Builder ids(Supplier<UUID> ids) { this.ids = Objects.requireNonNull(ids, "ids"); return this; }
        /**
         * Runs the outbox's provider calls (default: up to {@code sendConcurrency} daemon threads of the engine's
         * own, started by the first batch, ended when idle and at {@link #close()}). A host's executor is never
         * shut down by the engine; it should run at least {@code sendConcurrency} calls at once.
         */
        public Builder sendExecutor(Executor executor) {
            this.sendExecutor = Objects.requireNonNull(executor, "sendExecutor");
            return this;
        }
        /**
         * Register the engine's meters on a host's registry (default: a Prometheus registry of its own, with the
         * JVM's meters). On a host's registry the engine adds only its own meters, and {@link #close()} takes
         * them away again.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            return this;
        }
        /**
         * Tags added to each of the engine's meters (none by default), e.g. {@code Tags.of("engine", "sms")}: two
         * engines sharing one registry need different ones, or they would count into the same meters and the
         * first to close would take them away from the other.
         */
        public Builder meterTags(Tags tags) {
            this.meterTags = Objects.requireNonNull(tags, "meterTags");
            return this;
        }
        /**
         * Run the schema migrations on build (default true). A host that migrates at deploy time (see
         * {@link Consentflow#migrate(DataSource, String)}) turns this off.
         */
        public Builder migrate(boolean migrate) { this.migrate = migrate; return this; }
        /**
         * The schema of the engine's tables (default {@code public}): the DataSource's connections must resolve
         * names there first (JDBC {@code currentSchema}); build checks it.
         */
        public Builder schema(String schema) { this.schema = Migrations.requireSchemaName(schema); return this; }
        /** Require {@code Authorization: Bearer <key>} on /api/**. */
        public Builder apiKey(String apiKey) { this.apiKey = apiKey; return this; }
        /** Require {@code ?token=} on the Gupshup webhook. */
        public Builder gupshupToken(String token) { this.gupshupToken = token; return this; }
        public Builder metaVerifyToken(String token) { this.metaVerifyToken = token; return this; }
        /** Require a valid {@code X-Hub-Signature-256} on Meta webhooks. */
        public Builder metaAppSecret(String secret) { this.metaAppSecret = secret; return this; }
        /** Lets a scraper read {@code /metrics} with {@code Authorization: Bearer <token>} (the API key works too). */
        public Builder metricsToken(String token) { this.metricsToken = token; return this; }
        /** The largest request body the engine's routes take (default 256 KiB); larger ones get 413. */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < 1) throw new IllegalArgumentException("maxBodyBytes must be at least 1, got " + bytes);
            this.maxBodyBytes = bytes;
            return this;
        }
        /** How often the scheduler looks for due wait timeouts (default 1 s). */
        public Builder schedulerInterval(Duration interval) {
            Objects.requireNonNull(interval, "schedulerInterval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("schedulerInterval must be positive, got " + interval);
            }
            this.schedulerInterval = interval;
            return this;
        }
        /** How long the outbox worker waits before looking again when the outbox was empty. */
        public Builder outboxIdle(Duration idle) {
            Objects.requireNonNull(idle, "outboxIdle");
            if (idle.isNegative()) throw new IllegalArgumentException("outboxIdle must not be negative, got " + idle);
            this.outboxIdle = idle;
            return this;
        }
        /**
         * Which provider delivers messages (default: log them). Its timeout is at most
         * {@link #LONGEST_PROVIDER_TIMEOUT}: connecting and answering may each take it, and a call must end within
         * the outbox's lease, or another instance could send the message again.
         */
        public Builder provider(Provider provider) {
            Objects.requireNonNull(provider, "provider");
            return provider(settings(provider));
        }

        private static SenderSettings settings(Provider provider) {
            if (provider instanceof Provider.Gupshup g) {
                return new SenderSettings("gupshup", g.baseUrl(), g.apiKey(), g.source(), g.appName(), null,
                        g.timeout());
            }
            if (provider instanceof Provider.Meta m) {
                return new SenderSettings("meta", m.baseUrl(), m.accessToken(), null, null, m.phoneNumberId(),
                        m.timeout());
            }
            return SenderSettings.log();
        }

        /** The service's own settings, read from the environment ({@link Config}). */
        Builder provider(SenderSettings settings) {
            Objects.requireNonNull(settings, "provider");
            if (settings.timeout().compareTo(LONGEST_PROVIDER_TIMEOUT) > 0) {
                throw new IllegalArgumentException("provider: its timeout must be at most "
                        + LONGEST_PROVIDER_TIMEOUT.toMillis() + " ms, got " + settings.timeout().toMillis());
            }
            this.senderSettings = settings;
            return this;
        }
        /**
         * A host's own delivery (e.g. its existing WhatsApp client) instead of the built-in providers; each call must
         * return within {@code OutboxDispatcher.LEASE - LATEST_START} (20 s), like the built-in ones.
         */
        public Builder sender(MessageSender sender) {
            this.sender = Objects.requireNonNull(sender, "sender");
            return this;
        }
        /** How many provider calls the outbox makes at once (default 8); one contact's replies stay in order. */
        public Builder sendConcurrency(int calls) {
            if (calls < 1) throw new IllegalArgumentException("sendConcurrency must be at least 1, got " + calls);
            this.sendConcurrency = calls;
            return this;
        }

        /**
         * The business number's messages a second (default 80, Meta's standard throughput; 1,000 for an upgraded
         * number), held by every engine on the database together: replies count against it and never wait,
         * broadcasts take what is left, a provider's rate limit slows it down. Give every instance the same value.
         */
        public Builder sendRate(int perSecond) {
            if (perSecond < 1) {
                throw new IllegalArgumentException("sendRate must be at least 1 message a second, got " + perSecond);
            }
            this.sendRate = perSecond;
            return this;
        }

        /**
         * How long a flow's webhook call may take, connecting and answering together (default 10 s); a slower one
         * takes the flow's {@code Failure} way.
         */
        public Builder webhookTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "webhookTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("webhookTimeout must be positive, got " + timeout);
            }
            this.webhookTimeout = timeout;
            return this;
        }
        /**
         * Refuse webhook calls to loopback and private addresses too (default: only link-local and cloud metadata
         * addresses are refused).
         */
        public Builder webhookDenyPrivate(boolean deny) { this.webhookDenyPrivate = deny; return this; }
        /** How many webhook calls are made at once (default 8). */
        public Builder webhookConcurrency(int calls) {
            if (calls < 1) throw new IllegalArgumentException("webhookConcurrency must be at least 1, got " + calls);
            this.webhookConcurrency = calls;
            return this;
        }
        /**
         * A function Glific's {@code FUNCTION} webhooks call by {@code name} (the webhook's {@code url}): given the
         * rendered body as a JSON object's plain values (maps, lists, strings, numbers, booleans), it answers
         * another such object, whose fields the flow reads as {@code @results.<result_name>.<field>}. It runs on
         * the webhook worker's threads, outside any transaction; throwing or answering null takes {@code Failure}.
         */
        public Builder webhookFunction(String name, Function<Map<String, Object>, Map<String, Object>> function) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) throw new IllegalArgumentException("webhookFunction: the name must not be blank");
            webhookFunctions.put(name.strip(), Objects.requireNonNull(function, "function"));
            return this;
        }

        public Consentflow build() {
            return new Consentflow(this);
        }
    }
}
