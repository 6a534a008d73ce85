package io.consentflow.adapter.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored message; {@code reason} (a refusal or provider error), {@code flow}, {@code template} (a template's name,
 * language and parameters) and {@code media} (a picture's, sound's, video's or document's URL and caption) only
 * when there is one.
 */
record MessageJson(UUID id, String direction, String type, String text, String status, Instant at,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String flow,
                   @JsonInclude(JsonInclude.Include.NON_NULL) TemplateJson template,
                   @JsonInclude(JsonInclude.Include.NON_NULL) MediaJson media) {

    record TemplateJson(String name, String language, List<String> params) {
    }

    record MediaJson(String url, String caption) {
    }
}
