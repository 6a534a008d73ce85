package io.consentflow.bootstrap.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentflow.adapter.persistence.flowformat.FlowFormat;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.domain.keyword.InvalidKeywordException;
import io.consentflow.domain.keyword.Keyword;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.consentflow.bootstrap.fuzz.Spec.bad;
import static io.consentflow.bootstrap.fuzz.Spec.bool;
import static io.consentflow.bootstrap.fuzz.Spec.has;
import static io.consentflow.bootstrap.fuzz.Spec.requiredObject;
import static io.consentflow.bootstrap.fuzz.Spec.requiredText;
import static io.consentflow.bootstrap.fuzz.Spec.strings;
import static io.consentflow.bootstrap.fuzz.Spec.text;

/**
 * The admin API's contract (README) as the oracle: 400 for a body that is not what the endpoint reads (naming the
 * field), 404 for an unknown contact or flow, 422 for what the flow rules refuse (a definition the flow reader
 * refuses, a keyword that normalises to nothing, two flows of one import sharing a keyword, a settings uuid naming
 * no flow, a send the policy refuses). Whether a flow definition is valid is asked of the project's own
 * {@link FlowFormat}, as the service asks it: the oracle checks that the HTTP path gives the reader what was
 * sent and turns its answer into the right status.
 */
final class AdminSpecs {
    static final long BODY_LIMIT = 256 * 1024;
    static final long IMPORT_LIMIT = 8L * 1024 * 1024;
    private static final ObjectMapper WRITER = new ObjectMapper();
    private static final FlowFormat READER = new FlowFormat();

    private AdminSpecs() {
    }

    /** What an import must answer, and the uuids a 201 must list (in order). */
    record ImportVerdict(Set<Integer> allowed, List<String> uuids) {
    }

    /** {@code POST /api/v1/flows/import[?query]}: {@code query} is the raw (already %-encoded) query or null. */
    static ImportVerdict flowImport(byte[] body, Map<String, List<String>> query) {
        if (body != null && body.length > IMPORT_LIMIT) return new ImportVerdict(Set.of(413), List.of());
        record Imp(JsonNode definition, List<String> keywords) {
        }
        List<Imp> imports = new ArrayList<>();
        try {
            JsonNode root = Spec.object(body);
            if (has(root, "flows")) {
                Spec.only(root, "flows", "contact_field", "collections", "interactive_templates");
                List<JsonNode> flows = Spec.objects(root, "flows");
                if (flows.isEmpty()) throw bad("no flows");
                for (JsonNode f : flows) {
                    Spec.only(f, "definition", "keywords", "ignore_keywords");
                    JsonNode def = requiredObject(f, "definition");
                    storableTree(def);
                    List<String> kws = strings(f, "keywords").orElse(List.of());
                    bool(f, "ignore_keywords");
                    imports.add(new Imp(def, kws));
                }
            } else if (has(root, "nodes")) {
                storableTree(root);
                List<String> kws = new ArrayList<>();
                for (String k : query.getOrDefault("keywords", List.of())) {
                    Arrays.stream(k.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(kws::add);
                }
                List<String> ignore = query.getOrDefault("ignoreKeywords", List.of());
                if (!ignore.isEmpty() && !ignore.get(0).isEmpty()
                        && !Set.of("true", "false").contains(ignore.get(0).toLowerCase(Locale.ROOT))) {
                    throw bad("ignoreKeywords");
                }
                imports.add(new Imp(root, kws));
            } else {
                throw bad("neither an export nor a definition");
            }
        } catch (Spec.Refused r) {
            return new ImportVerdict(Set.of(r.status), List.of());
        }
        // the flow rules, in the service's order: keywords, definition, keyword conflicts within the import
        Map<String, String> keywordOwner = new HashMap<>();
        Map<String, List<Keyword>> byUuid = new HashMap<>();
        List<String> uuids = new ArrayList<>();
        for (Imp imp : imports) {
            List<Keyword> kws = new ArrayList<>();
            String uuid;
            try {
                for (String k : imp.keywords()) kws.add(Keyword.of(k));
                uuid = readerVerdict(WRITER.writeValueAsString(imp.definition()));
            } catch (InvalidKeywordException e) {
                return new ImportVerdict(Set.of(422), List.of());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            if (uuid == null) return new ImportVerdict(Set.of(422), List.of());
            // the flows saved earlier in this import, by uuid (a later one with the same uuid replaces it)
            byUuid.put(uuid, kws);
            keywordOwner.clear();
            for (Map.Entry<String, List<Keyword>> e : byUuid.entrySet()) {
                if (e.getKey().equals(uuid)) continue;
                for (Keyword k : e.getValue()) keywordOwner.put(k.value(), e.getKey());
            }
            for (Keyword k : kws) {
                if (keywordOwner.containsKey(k.value())) return new ImportVerdict(Set.of(422), List.of());
            }
            uuids.add(uuid);
        }
        // a keyword another stored active flow has is refused too: the state decides, 201 or 422
        return new ImportVerdict(Set.of(201, 422), uuids);
    }

    private static final Map<String, java.util.Optional<String>> VERDICTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The uuid of the flow the project's reader makes of a definition, or null when it refuses it (memoised). */
    static String readerVerdict(String definitionJson) {
        java.util.Optional<String> known = VERDICTS.get(definitionJson);
        if (known == null) {
            try {
                known = java.util.Optional.of(READER.readDefinition(definitionJson, List.of(), false, true).uuid());
            } catch (FlowFormatException e) {
                known = java.util.Optional.empty();
            }
            VERDICTS.put(definitionJson, known);
        }
        return known.orElse(null);
    }

    /** No NUL and no unpaired surrogate in any string or key of a definition (it is stored as text). */
    static void storableTree(JsonNode n) {
        if (n.isTextual()) {
            Spec.storable(n.textValue(), "definition");
        } else if (n.isArray()) {
            for (JsonNode e : n) storableTree(e);
        } else if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Spec.storable(e.getKey(), "definition key");
                storableTree(e.getValue());
            }
        }
    }

    /** {@code PUT /api/v1/settings}: the stored flow uuids decide 200 or 422. */
    /** {@code optinFlows}: the flows with the opt-in action, the only ones the opt-in flow setting takes. */
    static Set<Integer> settings(byte[] body, Set<String> flows, Set<String> optinFlows, String[] expect) {
        if (body != null && body.length > BODY_LIMIT) return Set.of(413);
        try {
            JsonNode root = Spec.object(body);
            Spec.only(root, "optinFlow", "newContactFlow");
            String optin = text(root, "optinFlow").filter(s -> !s.isBlank()).map(String::strip).orElse(null);
            String newContact = text(root, "newContactFlow").filter(s -> !s.isBlank()).map(String::strip).orElse(null);
            if (optin != null && !optinFlows.contains(optin)) return Set.of(422);
            if (newContact != null && !flows.contains(newContact)) return Set.of(422);
            expect[0] = optin;
            expect[1] = newContact;
            return Set.of(200);
        } catch (Spec.Refused r) {
            return Set.of(r.status);
        }
    }

    /**
     * {@code POST /webhooks/flow-resume}: a well-formed body names a run; no run of the suite is paused at
     * wait_for_result, so a known run is 409 and any other 404.
     */
    static Set<Integer> flowResume(byte[] body, Set<String> runs) {
        if (body != null && body.length > BODY_LIMIT) return Set.of(413);
        try {
            JsonNode root = Spec.object(body);
            Spec.only(root, "run_id", "result");
            JsonNode id = root.get("run_id");
            if (id == null || id.isNull() || !id.isTextual()) throw bad("run_id missing or not a string");
            java.util.UUID run;
            try {
                run = java.util.UUID.fromString(id.textValue().strip());
            } catch (IllegalArgumentException e) {
                throw bad("run_id not a UUID");
            }
            JsonNode result = root.get("result");
            if (result != null && !result.isNull()) {
                if (!result.isObject()) throw bad("result not an object");
                storableTree(result);
                for (java.util.Iterator<String> it = result.fieldNames(); it.hasNext(); ) {
                    Spec.storable(it.next(), "result key");
                }
            }
            return Set.of(runs.contains(run.toString()) ? 409 : 404);
        } catch (Spec.Refused r) {
            return Set.of(r.status);
        }
    }

    /** {@code PUT /api/v1/contacts/{phone}/consent}; {@code phone} is the path segment as the service decodes it. */
    static Set<Integer> consent(String phone, byte[] body, Set<String> contacts, String[] expect) {
        try {
            String digits = Spec.phone(phone);
            if (body != null && body.length > BODY_LIMIT) return Set.of(413);
            JsonNode root = Spec.object(body);
            Spec.only(root, "status", "note");
            String status = requiredText(root, "status");
            if (!status.equals("opted_in") && !status.equals("opted_out")) throw bad("status");
            text(root, "note");
            if (!contacts.contains(digits)) return Set.of(404);
            expect[0] = status;
            return Set.of(200);
        } catch (Spec.Refused r) {
            return Set.of(r.status);
        }
    }

    /**
     * {@code POST /api/v1/messages}: a known contact gets 202 or, when the send policy refuses, 422; a template the
     * registry cannot send (unknown name or language, wrong number of params) is a 422 too, once the contact is
     * found (an unknown phone is a 404 first).
     */
    static Set<Integer> message(byte[] body, Set<String> contacts) {
        if (body != null && body.length > BODY_LIMIT) return Set.of(413);
        try {
            JsonNode root = Spec.object(body);
            Spec.only(root, "phone", "text", "template");
            String digits = Spec.phone(text(root, "phone").orElseThrow(() -> bad("phone missing")));
            if (has(root, "template")) {
                if (has(root, "text")) throw bad("text and template");
                JsonNode t = requiredObject(root, "template");
                Spec.only(t, "name", "language", "params");
                strings(t, "params");
                requiredText(t, "name");
                // optional: the registry picks the contact's language; given, it must say something
                if (text(t, "language").map(String::isBlank).orElse(false)) throw bad("language blank");
            } else {
                if (!has(root, "text")) throw bad("no text");
                requiredText(root, "text");
            }
            return contacts.contains(digits) ? Set.of(202, 422) : Set.of(404);
        } catch (Spec.Refused r) {
            return Set.of(r.status);
        }
    }

    /** {@code PATCH /api/v1/flows/{uuid}}: a keyword another active flow has is a 422 the state decides. */
    static Set<Integer> patch(String uuid, byte[] body, Set<String> flows) {
        if (body != null && body.length > BODY_LIMIT) return Set.of(413);
        try {
            JsonNode root = Spec.object(body);
            Spec.only(root, "keywords", "ignoreKeywords", "active");
            List<String> kws = strings(root, "keywords").orElse(null);
            bool(root, "ignoreKeywords");
            bool(root, "active");
            if (!flows.contains(uuid)) return Set.of(404);
            if (kws != null) {
                for (String k : kws) {
                    try {
                        Keyword.of(k);
                    } catch (InvalidKeywordException e) {
                        return Set.of(422);
                    }
                }
            }
            return Set.of(200, 422);
        } catch (Spec.Refused r) {
            return Set.of(r.status);
        }
    }

    /**
     * {@code POST /api/v1/templates}: a valid entry is 201, or 409 when its name and language are taken (the state,
     * and the other inputs of its batch, decide). The language must name one as the project reads languages; the
     * body's placeholders are read by the project's own rule.
     */
    static Set<Integer> template(byte[] body) {
        if (body != null && body.length > BODY_LIMIT) return Set.of(413);
        try {
            JsonNode root = Spec.object(body);
            Spec.only(root, "name", "language", "category", "body", "header", "footer", "buttons", "providerId");
            limited(root, "name", 512, true);
            String language = limited(root, "language", 16, true).strip();
            if (!language.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")
                    || io.consentflow.domain.contact.Language.find(language).isEmpty()) {
                throw bad("language names none");
            }
            String category = requiredText(root, "category");
            if (!Set.of("marketing", "utility", "authentication").contains(category)) throw bad("category");
            String text = limited(root, "body", 1024, true);
            if (io.consentflow.domain.template.MessageTemplate.placeholders(text).isEmpty()) throw bad("placeholders");
            limited(root, "header", 60, false);
            limited(root, "footer", 60, false);
            List<String> buttons = strings(root, "buttons").orElse(List.of());
            if (buttons.size() > 10) throw bad("buttons");
            for (String b : buttons) {
                if (b.isBlank() || b.length() > 25) throw bad("button");
            }
            limited(root, "providerId", 256, false);
            return Set.of(201, 409);
        } catch (Spec.Refused r) {
            return Set.of(r.status);
        }
    }

    /** A text of at most {@code max} characters, not blank; "" when absent and not required. */
    private static String limited(JsonNode o, String name, int max, boolean required) {
        java.util.Optional<String> v = text(o, name);
        if (v.isEmpty()) {
            if (required) throw bad(name + " missing");
            return "";
        }
        if (v.get().isBlank() || v.get().length() > max) throw bad(name);
        return v.get();
    }
}
