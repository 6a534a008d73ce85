package io.consentflow.application.port.in;

import io.consentflow.application.port.ImportWarning;
import io.consentflow.domain.flow.StoredFlow;

import java.util.List;
import java.util.Optional;

/**
 * Importing and managing flows. An import the flow format refuses throws
 * {@link io.consentflow.application.port.FlowFormatException} naming the field at fault; a flow the catalogue
 * refuses (a keyword another active flow has, a keyword that normalises to nothing) throws
 * {@link io.consentflow.domain.flow.InvalidFlowException} naming the keyword. Nothing is stored from a refused import.
 */
public interface ManageFlowsUseCase {
    /** Imports all or nothing; a uuid imported again replaces that flow. */
    ImportResult importFlows(FlowImport flowImport);

    List<StoredFlow> list();

    Optional<StoredFlow> get(String uuid);

    /** Changes trigger settings; null fields stay as they are. Empty when there is no such flow. */
    Optional<StoredFlow> update(String uuid, FlowPatch patch);

    boolean delete(String uuid);

    /**
     * What to import: the JSON text as given (a Glific export, or one bare flow definition), and for a bare
     * definition its keywords as typed and ignore_keywords (an export names each flow's own).
     */
    record FlowImport(String json, List<String> keywords, boolean ignoreKeywords) {
        public FlowImport {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }

        /** A Glific export, whose flows carry their own keywords. */
        public static FlowImport glificExport(String json) {
            return new FlowImport(json, List.of(), false);
        }
    }

    /** The flows imported, in the order of the import. */
    record ImportResult(List<ImportedFlow> flows) {
        public ImportResult {
            flows = List.copyOf(flows);
        }
    }

    /**
     * One flow as stored, and what its importer should know although the import succeeded: a flow keyed
     * {@code optin} without the opt-in action is not the opt-in flow; what the flow will do differently from Glific.
     */
    record ImportedFlow(StoredFlow stored, List<ImportWarning> warnings) {
        public ImportedFlow {
            warnings = List.copyOf(warnings);
        }
    }

    record FlowPatch(List<String> keywords, Boolean ignoreKeywords, Boolean active) {
    }
}
