package io.consentflow.adapter.http.admin;

import java.util.Map;

/**
 * {@code PUT|PATCH /api/v1/settings}: the opt-in and new-contact flows' uuids (null or blank clears one) and the
 * globals, key to text ({@code @globals.<key>}; null clears them all).
 */
record SettingsBody(String optinFlow, String newContactFlow, Map<String, String> globals) {
}
