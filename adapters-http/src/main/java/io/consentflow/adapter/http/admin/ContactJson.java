package io.consentflow.adapter.http.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/contacts/{phone}}; {@code groups} are the names of its groups. Status values are the domain's wire names (valid, invalid, blocked). */
record ContactJson(String phone, String name, String language, String status, ConsentJson consent,
                   Instant lastInboundAt, Map<String, String> fields, List<String> groups) {
}
