package io.consentflow.application.port.in;

import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.policy.FlowRoles;

import java.util.List;
import java.util.Optional;

/**
 * Importing and managing flows. Refusals throw {@link io.consentflow.domain.flow.InvalidFlowException} naming
 * the node, action or keyword at fault; nothing is stored from a refused import.
 */
public interface ManageFlowsUseCase {
    /** Imports all or nothing; a uuid imported again replaces that flow. */
    List<StoredFlow> importFlows(List<FlowImport> imports);

    /**
     * What the caller should know about flows just imported, that did not stop the import: a flow keyed
     * {@code optin} without the opt-in action is not the opt-in flow.
     */
    default List<String> importWarnings(List<StoredFlow> imported) {
        return imported.stream().map(StoredFlow::flow).map(FlowRoles::optinKeywordWarning)
                .flatMap(Optional::stream).toList();
    }

    List<StoredFlow> list();

    Optional<StoredFlow> get(String uuid);

    /** Changes trigger settings; null fields stay as they are. Empty when there is no such flow. */
    Optional<StoredFlow> update(String uuid, FlowPatch patch);

    boolean delete(String uuid);

    /** One flow to import: its definition JSON text, its keywords as typed, and ignore_keywords. */
    record FlowImport(String definitionJson, List<String> keywords, boolean ignoreKeywords) {
        public FlowImport {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }
    }

    record FlowPatch(List<String> keywords, Boolean ignoreKeywords, Boolean active) {
    }
}
