package io.consentflow.adapter.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** A stored message; {@code reason} (a refusal or provider error) and {@code flow} only when there is one. */
record MessageJson(UUID id, String direction, String type, String text, String status, Instant at,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String flow) {
}
