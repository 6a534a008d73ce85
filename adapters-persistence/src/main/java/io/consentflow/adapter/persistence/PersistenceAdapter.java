package io.consentflow.adapter.persistence;

import io.consentflow.adapter.persistence.flowformat.FlowFormat;
import io.consentflow.application.port.out.ContactBatches;
import io.consentflow.application.port.out.ContactDirectory;
import io.consentflow.application.port.out.Broadcasts;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Groups;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.DatabaseHealth;
import io.consentflow.application.port.out.FlowDefinitionReader;
import io.consentflow.application.port.out.FlowStore;
import io.consentflow.application.port.out.Messages;
import io.consentflow.application.port.out.DashboardFigures;
import io.consentflow.application.port.out.Outbox;
import io.consentflow.application.port.out.OutreachQueue;
import io.consentflow.application.port.out.Tickets;
import io.consentflow.application.port.out.WebhookCalls;
import io.consentflow.application.port.out.Runs;
import io.consentflow.application.port.out.SendPace;
import io.consentflow.application.port.out.SettingsStore;
import io.consentflow.application.port.out.TemplateStore;
import io.consentflow.application.port.out.TransactionRunner;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.util.function.Predicate;

/**
 * The persistence adapter's one entry point: the driven ports on PostgreSQL. Run {@link Migrations#migrate}
 * first. Every repository call made inside {@link #transactions()} on the same thread joins that transaction;
 * {@link #conversations()} runs each call in a transaction of its own.
 */
public final class PersistenceAdapter {
    private final Contacts contacts;
    private final Messages messages;
    private final Conversations conversations;
    private final Runs runs;
    private final FlowStore flows;
    private final SettingsStore settings;
    private final FlowFormat flowFormat;
    private final TransactionRunner transactions;
    private final DatabaseHealth health;
    private final Outbox outbox;
    private final OutreachQueue outreach;
    private final Tickets tickets;
    private final Groups groups;
    private final ContactDirectory directory;
    private final ContactBatches batches;
    private final WebhookCalls webhookCalls;
    private final TemplateStore templates;
    private final DashboardFigures dashboardFigures;
    private final Database db;
    private final Broadcasts broadcasts;

    public PersistenceAdapter(DataSource dataSource) {
        this(dataSource, name -> false);
    }

    /**
     * @param functionRegistered whether a FUNCTION webhook of that name is registered (the flow import warns of
     *                           flows calling one that is not)
     */
    public PersistenceAdapter(DataSource dataSource, Predicate<String> functionRegistered) {
        Jdbi jdbi = RowMappers.register(Jdbi.create(dataSource));
        Database db = new Database(jdbi);
        this.db = db;
        this.flowFormat = new FlowFormat(functionRegistered);
        this.contacts = new JdbiContacts(db);
        this.messages = new JdbiMessages(db);
        this.conversations = new JdbiConversations(db);
        this.runs = new JdbiRuns(db);
        this.flows = new JdbiFlowCatalog(db, flowFormat);
        this.settings = new JdbiSettings(db);
        this.transactions = new JdbiTransactions(db);
        this.health = new JdbiHealth(db);
        this.outbox = new JdbiOutbox(db);
        this.outreach = new JdbiOutreach(db);
        this.tickets = new JdbiTickets(db);
        this.groups = new JdbiGroups(db);
        this.directory = new JdbiContactDirectory(db);
        this.batches = new JdbiContactBatches(db);
        this.webhookCalls = new JdbiWebhookCalls(db);
        this.templates = new JdbiTemplates(db);
        this.dashboardFigures = new JdbiDashboardFigures(db);
        this.broadcasts = new JdbiBroadcasts(db);
    }

    /** Broadcasts and flow starts flows queued for other contacts. */
    public OutreachQueue outreach() {
        return outreach;
    }

    public Tickets tickets() {
        return tickets;
    }

    /** Groups and their members, each call a transaction. */
    public Groups groups() {
        return groups;
    }

    /** Contacts listed and exported as committed. */
    public ContactDirectory contactDirectory() {
        return directory;
    }

    /** Many contacts changed in one transaction of two round trips (the contact import). */
    public ContactBatches contactBatches() {
        return batches;
    }

    public Contacts contacts() {
        return contacts;
    }

    public Messages messages() {
        return messages;
    }

    /** A contact's conversation opened and saved, two round trips per call, each call its own transaction. */
    public Conversations conversations() {
        return conversations;
    }

    public Runs runs() {
        return runs;
    }

    public FlowStore flows() {
        return flows;
    }

    public SettingsStore settings() {
        return settings;
    }

    /** The template registry. */
    public TemplateStore templates() {
        return templates;
    }

    /** The flow format: Glific's export and the flow-editor definition, read once per import. */
    public FlowDefinitionReader flowDefinitionReader() {
        return flowFormat;
    }

    /** The console dashboard's counts (V13's tables, kept by triggers). */
    public DashboardFigures dashboardFigures() {
        return dashboardFigures;
    }

    /**
     * The business number's sending budget at {@code perSecond} messages a second ({@code CONSENTFLOW_SEND_RATE}),
     * shared through the database with every other instance (V16's one row); one statement per call.
     */
    public SendPace sendPace(int perSecond) {
        return new JdbiSendPace(db, perSecond);
    }

    /** Broadcasts, their recipients (fixed set-based) and their counts. */
    public Broadcasts broadcasts() {
        return broadcasts;
    }

    public TransactionRunner transactions() {
        return transactions;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The webhook calls paused runs wait for. */
    public WebhookCalls webhookCalls() {
        return webhookCalls;
    }

    public DatabaseHealth health() {
        return health;
    }
}
