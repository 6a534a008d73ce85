package io.consentflow.adapter.http.admin;

/** The organisation's opt-in and new-contact flows (uuids, either may be null). */
record SettingsJson(String optinFlow, String newContactFlow) {
}
