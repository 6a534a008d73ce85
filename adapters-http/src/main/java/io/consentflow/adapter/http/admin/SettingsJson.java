package io.consentflow.adapter.http.admin;

import java.util.Map;

/** The organisation's opt-in and new-contact flows (uuids, either may be null) and its globals. */
record SettingsJson(String optinFlow, String newContactFlow, Map<String, String> globals) {
}
