package io.consentflow.adapter.http.admin;

import java.util.List;

/**
 * One imported flow in the import answer: its summary's fields, plus what the importer should know although the
 * import succeeded (a flow keyed {@code optin} without the opt-in action is not the opt-in flow; what will behave
 * differently from Glific), each warning naming its place in the import.
 */
record FlowImportedJson(String uuid, String name, List<String> keywords, boolean ignoreKeywords, boolean active,
                        List<Warning> warnings) {
    record Warning(String path, String detail) {
    }
}
