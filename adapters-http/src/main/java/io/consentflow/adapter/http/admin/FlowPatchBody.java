package io.consentflow.adapter.http.admin;

import java.util.List;

/** {@code PATCH /api/v1/flows/{uuid}}: the trigger settings to change; an absent or null one stays. */
record FlowPatchBody(List<String> keywords, Boolean ignoreKeywords, Boolean active) {
}
