package io.consentflow.adapter.http.admin;

import java.util.List;

/**
 * One imported flow in the import answer: its summary's fields, plus what the importer should know although the
 * import succeeded (e.g. a flow keyed {@code optin} without the opt-in action is not the opt-in flow).
 */
record FlowImportedJson(String uuid, String name, List<String> keywords, boolean ignoreKeywords, boolean active,
                        List<String> warnings) {
}
