package io.consentflow.adapter.http.admin;

import java.util.List;

/** {@code POST /api/v1/broadcasts}: a template or a flow, for a group or phones, from {@code at} (ISO time) on. */
record BroadcastBody(String name, Template template, String flow, To to, String at) {
    record Template(String name, List<String> params) {
    }

    record To(Long group, List<String> phones) {
    }
}
