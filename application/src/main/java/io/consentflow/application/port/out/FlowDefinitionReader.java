package io.consentflow.application.port.out;

import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.keyword.Keyword;

import java.util.List;

/** Reads a flow-editor definition (Nyaruka JSON, spec 13.x, as Glific and RapidPro export it). */
public interface FlowDefinitionReader {
    /**
     * @throws io.consentflow.domain.flow.InvalidFlowException naming the node/action at fault: malformed JSON,
     *                                                         unknown action or case type, broken graph
     */
    Flow read(String definitionJson, List<Keyword> keywords, boolean ignoreKeywords, boolean active);
}
