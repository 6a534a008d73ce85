package io.consentflow.adapter.persistence;

import io.consentflow.adapter.persistence.flowformat.FlowFormat;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.application.port.out.FlowStore;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.keyword.Keyword;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The imported flows. A row keeps the definition text as imported plus the trigger settings; the {@link Flow} is
 * rebuilt by reading that text. Parsed graphs are cached by definition text, so a flow is parsed once per change,
 * not once per look-up.
 */
final class JdbiFlowCatalog implements FlowStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiFlowCatalog.class);
    private static final String BUMP = "UPDATE flow_catalog SET version = version + 1 RETURNING version";
    private static final String VERSION = "SELECT version FROM flow_catalog";
    private static final String UPSERT = "INSERT INTO flows (uuid, name, definition, keywords, ignore_keywords, "
            + "active, updated_at) VALUES (:uuid, :name, :definition, :keywords, :ignoreKeywords, :active, "
            + "COALESCE(CAST(:updatedAt AS timestamptz), now())) ON CONFLICT (uuid) DO UPDATE SET "
            + "name = excluded.name, definition = excluded.definition, keywords = excluded.keywords, "
            + "ignore_keywords = excluded.ignore_keywords, active = excluded.active, updated_at = excluded.updated_at";

    private final Database db;
    private final FlowFormat reader;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(String definition, Flow flow) {
    }

    JdbiFlowCatalog(Database db, FlowFormat reader) {
        this.db = db;
        this.reader = reader;
    }

    /** The catalogue row's lock is held until the caller's transaction ends: imports run one at a time. */
    @Override
    public long lockForChange() {
        return db.withHandle(this::bump);
    }

    @Override
    public void save(StoredFlow stored) {
        Flow flow = stored.flow();
        db.useHandle(h -> {
            h.createUpdate(UPSERT).bind("uuid", flow.uuid()).bind("name", flow.name())
                    .bind("definition", stored.definitionJson())
                    .bindArray("keywords", String.class, flow.keywords().stream().map(Keyword::value).toList())
                    .bind("ignoreKeywords", flow.ignoreKeywords()).bind("active", flow.active())
                    .bind("updatedAt", Times.utc(stored.updatedAt()))
                    .execute();
            bump(h);
        });
        // the flow was read from this very text on import: the next look-up need not read it again
        parsed.put(flow.uuid(), new Parsed(stored.definitionJson(), flow));
    }

    @Override
    public Optional<StoredFlow> find(String uuid) {
        return db.withHandle(h -> h.createQuery("SELECT " + FlowRow.COLUMNS + " FROM flows WHERE uuid = :uuid")
                        .bind("uuid", uuid).mapTo(FlowRow.class).findOne())
                .flatMap(this::rebuild);
    }

    @Override
    public List<StoredFlow> all() {
        List<FlowRow> rows = db.withHandle(h -> h.createQuery(
                "SELECT " + FlowRow.COLUMNS + " FROM flows ORDER BY name, uuid").mapTo(FlowRow.class).list());
        List<StoredFlow> flows = new ArrayList<>(rows.size());
        rows.forEach(row -> rebuild(row).ifPresent(flows::add));
        return flows;
    }

    @Override
    public boolean delete(String uuid) {
        return db.withHandle(h -> {
            boolean deleted = h.createUpdate("DELETE FROM flows WHERE uuid = :uuid").bind("uuid", uuid).execute() > 0;
            if (deleted) {
                bump(h);
                parsed.remove(uuid);
            }
            return deleted;
        });
    }

    /** Not read ahead per message: the application's FlowCatalog asks at most once a second. */
    @Override
    public long version() {
        return db.withHandle(h -> h.createQuery(VERSION).mapTo(Long.class).one());
    }

    private long bump(Handle h) {
        return h.createQuery(BUMP).mapTo(Long.class).one();
    }

    /**
     * A stored definition that no longer reads (a reader made stricter since it was imported, a keyword edited by
     * hand) is logged and left out, so one bad flow cannot stop the others; it can still be deleted or imported
     * again.
     */
    private Optional<StoredFlow> rebuild(FlowRow row) {
        try {
            List<Keyword> keywords = row.keywords().stream().map(Keyword::new).toList();
            Parsed cached = parsed.get(row.uuid());
            Flow flow;
            if (cached != null && cached.definition().equals(row.definition())) {
                flow = cached.flow().withTriggers(keywords, row.ignoreKeywords(), row.active());
            } else {
                flow = reader.readDefinition(row.definition(), keywords, row.ignoreKeywords(), row.active());
                parsed.put(row.uuid(), new Parsed(row.definition(), flow));
            }
            return Optional.of(new StoredFlow(flow, row.definition(), row.updatedAt()));
        } catch (FlowFormatException | InvalidFlowException | IllegalArgumentException e) {
            LOG.error("stored flow {} cannot be read and is skipped: {}", row.uuid(), e.getMessage());
            return Optional.empty();
        }
    }
}
