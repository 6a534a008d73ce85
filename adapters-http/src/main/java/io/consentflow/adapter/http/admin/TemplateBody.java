package io.consentflow.adapter.http.admin;

import java.util.List;

/** {@code POST /api/v1/templates} and {@code PUT /api/v1/templates/{id}}: one template in one language. */
record TemplateBody(String name, String language, String category, String body, String header, String footer,
                    List<String> buttons, String providerId) {
}
