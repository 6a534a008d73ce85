package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.consentflow.adapter.persistence.json.AdapterJson;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.application.port.FlowFormatException.Fault;
import io.consentflow.application.port.out.FlowDefinitionReader;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.keyword.Keyword;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The flow format in one place: Glific's export envelope and the Nyaruka flow-editor definition inside it (or
 * given alone), read from the import's text in one parse, and the definition written back as the text kept for
 * export. Whatever the input (malformed, hostile, wrongly typed), the only exception is
 * {@link FlowFormatException} naming the path at fault; Jackson's default read limits (nesting depth, number and
 * string length) stay in force.
 */
public final class FlowFormat implements FlowDefinitionReader {
    /**
     * How the format's text is parsed, through the adapter's one mapper (values bound as typed, unknown fields
     * skipped: the editor writes much we do not read), more strictly than stored JSON: two "type"s in one action
     * (which one runs?) or anything after the JSON value is refused.
     */
    static final ObjectReader PARSE = AdapterJson.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectWriter WRITE = AdapterJson.MAPPER.writer();

    private final Predicate<String> registeredFunctions;

    /** A format for which no FUNCTION webhook is registered: the import warns of each one. */
    public FlowFormat() {
        this(name -> false);
    }

    /**
     * @param registeredFunctions whether an embedding host registered a FUNCTION webhook of that name (the import
     *                            warns of those it did not)
     */
    public FlowFormat(Predicate<String> registeredFunctions) {
        this.registeredFunctions = registeredFunctions;
    }

    @Override
    public List<FlowToImport> readImport(String json, List<String> keywords, boolean ignoreKeywords) {
        JsonNode root = parseImport(json);
        List<GlificExport.Entry> entries = GlificExport.entries(root, keywords == null ? List.of() : keywords,
                ignoreKeywords);
        List<FlowToImport> flows = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            GlificExport.Entry entry = entries.get(i);
            // a single flow's faults are named as in a bare definition, several flows' by their index
            String at = entries.size() == 1 ? "" : "flows[" + i + "].";
            Flow flow = readImported(entry.definition(), at);
            flows.add(new FlowToImport(flow, write(entry.definition()), entry.keywords(), entry.ignoreKeywords(),
                    ImportWarnings.of(entry.definition(), at, registeredFunctions)));
        }
        return flows;
    }

    /**
     * A definition kept as text (a stored flow), with its trigger settings.
     *
     * @throws FlowFormatException naming the path at fault inside the definition
     */
    public Flow readDefinition(String definitionJson, List<Keyword> keywords, boolean ignoreKeywords, boolean active) {
        try {
            JsonNode root = DefinitionReader.parse(definitionJson, "definition", "the definition");
            if (root.isObject() && root.has("flows") && !root.has("nodes")) {
                throw new InvalidFlowException("definition",
                        "this is a Glific export; import each flows[i].definition instead");
            }
            return DefinitionReader.read(root, keywords, ignoreKeywords, active);
        } catch (InvalidFlowException e) {
            throw new FlowFormatException(Fault.INVALID_FLOW, e.where(), e.detail());
        } catch (RuntimeException e) {
            // a gap in the checks must still reach the importer as a refusal, not as a crash
            throw new FlowFormatException(Fault.INVALID_FLOW, "definition", "cannot be read: " + e);
        }
    }

    private static Flow readImported(JsonNode definition, String at) {
        try {
            return DefinitionReader.read(definition, List.of(), false, true);
        } catch (InvalidFlowException e) {
            throw new FlowFormatException(Fault.INVALID_FLOW, at + (e.where() == null ? "definition" : e.where()),
                    e.detail());
        } catch (RuntimeException e) {
            throw new FlowFormatException(Fault.INVALID_FLOW, at + "definition", "cannot be read: " + e);
        }
    }

    private static JsonNode parseImport(String json) {
        if (json == null || json.isEmpty()) throw new FlowFormatException(Fault.NOT_JSON, null, "the import is empty");
        try {
            JsonNode root = PARSE.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new FlowFormatException(Fault.NOT_JSON, null, "the import is empty");
            }
            return root;
        } catch (JacksonException e) {
            throw new FlowFormatException(Fault.NOT_JSON, null, "the import is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String write(JsonNode definition) {
        try {
            return WRITE.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed definition cannot be written back", e);
        }
    }
}
