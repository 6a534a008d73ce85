package io.consentflow.adapter.http.admin;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.util.List;

/** A flow with its definition embedded as the JSON it was imported as (written raw, not as a string). */
record FlowDetailJson(String uuid, String name, List<String> keywords, boolean ignoreKeywords, boolean active,
                      @JsonRawValue String definition) {
}
