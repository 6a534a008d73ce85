package io.consentflow.adapter.http.admin;

import java.util.List;
import java.util.Map;

/** {@code POST /api/v1/contacts}: every field but the phone optional. */
record ContactBody(String phone, String name, String language, Map<String, String> fields, List<String> groups,
                   ConsentBody consent) {
}
