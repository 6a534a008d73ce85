package io.consentflow.adapter.persistence;

import io.consentflow.adapter.persistence.flowformat.FlowFormat;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.DatabaseHealth;
import io.consentflow.application.port.out.FlowDefinitionReader;
import io.consentflow.application.port.out.FlowStore;
import io.consentflow.application.port.out.Messages;
import io.consentflow.application.port.out.DashboardFigures;
import io.consentflow.application.port.out.Outbox;
import io.consentflow.application.port.out.Runs;
import io.consentflow.application.port.out.SettingsStore;
import io.consentflow.application.port.out.TransactionRunner;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;

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
    private final DashboardFigures dashboardFigures;

    public PersistenceAdapter(DataSource dataSource) {
        Jdbi jdbi = RowMappers.register(Jdbi.create(dataSource));
        Database db = new Database(jdbi);
        this.flowFormat = new FlowFormat();
        this.contacts = new JdbiContacts(db);
        this.messages = new JdbiMessages(db);
        this.conversations = new JdbiConversations(db);
        this.runs = new JdbiRuns(db);
        this.flows = new JdbiFlowCatalog(db, flowFormat);
        this.settings = new JdbiSettings(db);
        this.transactions = new JdbiTransactions(db);
        this.health = new JdbiHealth(db);
        this.outbox = new JdbiOutbox(db);
        this.dashboardFigures = new JdbiDashboardFigures(db);
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

    /** The flow format: Glific's export and the flow-editor definition, read once per import. */
    public FlowDefinitionReader flowDefinitionReader() {
        return flowFormat;
    }

    /** The console dashboard's counts (V13's tables, kept by triggers). */
    public DashboardFigures dashboardFigures() {
        return dashboardFigures;
    }

    public TransactionRunner transactions() {
        return transactions;
    }

    public Outbox outbox() {
        return outbox;
    }

    public DatabaseHealth health() {
        return health;
    }
}
