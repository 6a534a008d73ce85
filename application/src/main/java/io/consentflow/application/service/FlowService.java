package io.consentflow.application.service;

import io.consentflow.application.port.ImportWarning;
import io.consentflow.application.port.in.ManageFlowsUseCase;
import io.consentflow.application.port.out.FlowDefinitionReader;
import io.consentflow.application.port.out.FlowDefinitionReader.FlowToImport;
import io.consentflow.application.port.out.FlowStore;
import io.consentflow.application.port.out.Runs;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.application.port.out.TransactionRunner;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.keyword.InvalidKeywordException;
import io.consentflow.domain.keyword.Keyword;
import io.consentflow.domain.flow.KeywordIndex;
import io.consentflow.domain.flow.run.EndReason;
import io.consentflow.domain.policy.FlowRoles;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports and edits flows under the catalogue lock, so keyword uniqueness across active flows holds even with
 * concurrent imports on several instances. An import is all or nothing. Deactivating or deleting a flow ends its
 * waiting runs ({@code INTERRUPTED}) in the same transaction, so nothing more is sent for it.
 */
public final class FlowService implements ManageFlowsUseCase {
    private final TransactionRunner tx;
    /** End reasons of the runs of a flow switched off (the engine uses the same words when it meets one). */
    static final String DEACTIVATED = EndReason.Because.FLOW_DEACTIVATED.wire();
    static final String DELETED = EndReason.Because.FLOW_DELETED.wire();

    private final FlowStore store;
    private final Runs runs;
    private final FlowDefinitionReader reader;
    private final FlowCatalog catalog;
    private final Clock clock;

    public FlowService(TransactionRunner tx, FlowStore store, Runs runs, FlowDefinitionReader reader,
                       FlowCatalog catalog, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.runs = runs;
        this.reader = reader;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public ImportResult importFlows(FlowImport flowImport) {
        // read before the lock: a refused import takes no lock and bumps no version
        List<FlowToImport> imports = reader.readImport(flowImport.json(), flowImport.keywords(),
                flowImport.ignoreKeywords());
        try {
            return tx.inTransaction(() -> {
                store.lockForChange();
                Map<String, Flow> after = new LinkedHashMap<>();
                store.all().forEach(s -> after.put(s.flow().uuid(), s.flow()));
                List<ImportedFlow> saved = new ArrayList<>();
                for (int i = 0; i < imports.size(); i++) {
                    FlowToImport imp = imports.get(i);
                    String at = imports.size() == 1 ? "" : "flows[" + i + "].";
                    Flow flow;
                    try {
                        flow = imp.flow().withTriggers(keywords(imp.keywords()), imp.ignoreKeywords(), true);
                    } catch (KeywordError e) {
                        throw new InvalidFlowException(at + e.where, e.getMessage());
                    }
                    checkKeywords(flow, after, at + "keywords");
                    after.put(flow.uuid(), flow);
                    StoredFlow s = new StoredFlow(flow, imp.definitionJson(), clock.instant());
                    store.save(s);
                    List<ImportWarning> warnings = new ArrayList<>();
                    FlowRoles.optinKeywordWarning(flow)
                            .ifPresent(w -> warnings.add(new ImportWarning(at + "keywords", w)));
                    warnings.addAll(imp.warnings());
                    saved.add(new ImportedFlow(s, warnings));
                }
                return new ImportResult(saved);
            });
        } finally {
            catalog.invalidate();
        }
    }

    @Override
    public List<StoredFlow> list() {
        return store.all();
    }

    @Override
    public Optional<StoredFlow> get(String uuid) {
        return store.find(uuid);
    }

    @Override
    public Optional<StoredFlow> update(String uuid, FlowPatch patch) {
        if (store.find(uuid).isEmpty()) return Optional.empty(); // no lock, no version bump for nothing
        try {
            return tx.inTransaction(() -> {
                store.lockForChange();
                Optional<StoredFlow> found = store.find(uuid);
                if (found.isEmpty()) return Optional.<StoredFlow>empty();
                Flow old = found.get().flow();
                List<Keyword> kws;
                try {
                    kws = patch.keywords() == null ? old.keywords() : keywords(patch.keywords());
                } catch (KeywordError e) {
                    throw new InvalidFlowException(e.where, e.getMessage());
                }
                Flow flow = old.withTriggers(kws,
                        patch.ignoreKeywords() == null ? old.ignoreKeywords() : patch.ignoreKeywords(),
                        patch.active() == null ? old.active() : patch.active());
                Map<String, Flow> others = new LinkedHashMap<>();
                store.all().forEach(s -> others.put(s.flow().uuid(), s.flow()));
                checkKeywords(flow, others, "keywords");
                StoredFlow s = new StoredFlow(flow, found.get().definitionJson(), clock.instant());
                store.save(s);
                if (old.active() && !flow.active()) runs.interruptRunsOf(uuid, DEACTIVATED, clock.instant());
                return Optional.of(s);
            });
        } finally {
            catalog.invalidate();
        }
    }

    @Override
    public boolean delete(String uuid) {
        if (store.find(uuid).isEmpty()) return false;
        try {
            return tx.inTransaction(() -> {
                store.lockForChange();
                boolean deleted = store.delete(uuid);
                if (deleted) runs.interruptRunsOf(uuid, DELETED, clock.instant());
                return deleted;
            });
        } finally {
            catalog.invalidate();
        }
    }

    /** A keyword another active flow already has is refused, naming both flows. */
    private static void checkKeywords(Flow flow, Map<String, Flow> existing, String where) {
        List<Flow> others = existing.values().stream().filter(f -> !f.uuid().equals(flow.uuid())).toList();
        KeywordIndex.of(others).conflict(flow).ifPresent(c -> {
            throw new InvalidFlowException(where, c.message());
        });
    }

    private static List<Keyword> keywords(List<String> raw) {
        List<Keyword> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            try {
                out.add(Keyword.of(raw.get(i)));
            } catch (InvalidKeywordException e) {
                throw new KeywordError("keywords[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    private static final class KeywordError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String where;

        KeywordError(String where, String message) {
            super(message);
            this.where = where;
        }
    }
}
