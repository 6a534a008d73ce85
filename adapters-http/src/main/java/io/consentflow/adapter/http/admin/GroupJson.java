package io.consentflow.adapter.http.admin;

import java.util.Map;

/** A group: {@code byConsent} counts its members by consent state (unknown, opted_in, opted_out). */
record GroupJson(long id, String name, long members, Map<String, Long> byConsent) {
}
