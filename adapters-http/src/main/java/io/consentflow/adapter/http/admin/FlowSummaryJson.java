package io.consentflow.adapter.http.admin;

import java.util.List;

/** A flow's identity and trigger settings; keywords in their normalised form, as they are matched. */
record FlowSummaryJson(String uuid, String name, List<String> keywords, boolean ignoreKeywords, boolean active) {
}
