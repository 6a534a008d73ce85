package io.consentflow.adapter.http.admin;

import java.util.List;

/** {@code POST /api/v1/messages}: a phone and either a text or an approved template with its parameters. */
record SendMessageBody(String phone, String text, Template template) {
    record Template(String name, String language, List<String> params) {
    }
}
