package io.consentflow.adapter.http.admin;

/** {@code PUT|PATCH /api/v1/settings}: the opt-in and new-contact flows' uuids (null or blank clears one). */
record SettingsBody(String optinFlow, String newContactFlow) {
}
