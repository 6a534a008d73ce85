package io.consentflow.application.port.out;

import io.consentflow.application.port.ImportWarning;
import io.consentflow.domain.flow.Flow;

import java.util.List;

/**
 * The flow format: reads an import (a Glific export {@code {"flows":[{"definition":..,"keywords":..,
 * "ignore_keywords":..}]}}, or one bare flow-editor definition as Glific and RapidPro write it) into the flows it
 * carries, parsing the text once.
 */
public interface FlowDefinitionReader {
    /**
     * @param keywords       a bare definition's keywords as typed (an export carries each flow's own)
     * @param ignoreKeywords a bare definition's ignore_keywords
     * @return the flows in the order of the import, none refused
     * @throws io.consentflow.application.port.FlowFormatException naming the field at fault and the rule it breaks
     */
    List<FlowToImport> readImport(String json, List<String> keywords, boolean ignoreKeywords);

    /**
     * One flow of an import: the flow read from its definition (without triggers: the importer normalises and
     * checks the keywords), the definition as the text to keep (so export gives back what was imported), and its
     * trigger settings as the import states them, and what the flow will do differently from Glific ({@code
     * warnings}: it imports all the same).
     */
    record FlowToImport(Flow flow, String definitionJson, List<String> keywords, boolean ignoreKeywords,
                        List<ImportWarning> warnings) {
        public FlowToImport {
            keywords = List.copyOf(keywords);
            warnings = List.copyOf(warnings);
        }

        public FlowToImport(Flow flow, String definitionJson, List<String> keywords, boolean ignoreKeywords) {
            this(flow, definitionJson, keywords, ignoreKeywords, List.of());
        }
    }
}
