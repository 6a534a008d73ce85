package io.consentflow.adapter.http.admin;

import io.consentflow.domain.consent.ConsentStatus;
import io.consentflow.domain.contact.Contact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The export's CSV, the organisation's proof of consent: one line per contact with its consent status, the method,
 * time and evidence of its last consent change, and its groups ({@code ;}-separated). Fields are quoted when they
 * hold a comma, a quote or a line break (RFC 4180).
 */
final class ContactExportCsv {
    static final String HEADER = "phone,name,language,status,consent,consent_method,consent_at,consent_evidence,groups";

    private final Writer out;

    ContactExportCsv(Writer out) {
        this.out = out;
        line(HEADER);
    }

    void write(Contact c) {
        ConsentStatus consent = c.consent();
        StringBuilder sb = new StringBuilder(128);
        field(sb, c.phone().digits()).append(',');
        field(sb, c.name()).append(',');
        field(sb, c.language()).append(',');
        field(sb, c.status().wire()).append(',');
        field(sb, consent.state().wire()).append(',');
        field(sb, consent.method() == null ? null : consent.method().wire()).append(',');
        field(sb, consent.at() == null ? null : consent.at().toString()).append(',');
        field(sb, consent.evidence()).append(',');
        field(sb, String.join(";", c.groups().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList()));
        line(sb.toString());
    }

    private void line(String s) {
        try {
            out.write(s);
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StringBuilder field(StringBuilder sb, String value) {
        if (value == null) return sb;
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (!quote) return sb.append(value);
        return sb.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
