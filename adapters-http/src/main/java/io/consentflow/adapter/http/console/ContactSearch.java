package io.consentflow.adapter.http.console;

import io.consentflow.application.port.in.ContactQuery;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.InvalidPhoneException;
import io.consentflow.domain.contact.Phone;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The contacts page's search as staff gave it ({@code ?q=&consent=&status=&group=&after=}), each value as typed
 * ("" when not given), so the form shows it again. It becomes the same {@link ContactQuery} as
 * {@code GET /api/v1/contacts}: a phone or name prefix, three filters and the keyset of the page ({@code after}, the
 * last phone of the page before).
 */
record ContactSearch(String q, String consent, String status, String group, String after) {
    /** Contacts per page: a phone's screen of rows, few enough to render in a blink. */
    static final int PAGE = 50;
    static final int MAX_Q = 256;

    ContactSearch {
        q = q == null ? "" : q.strip();
        consent = consent == null ? "" : consent;
        status = status == null ? "" : status;
        group = group == null ? "" : group;
        after = after == null ? "" : after;
    }

    static ContactSearch from(Function<String, String> param) {
        return new ContactSearch(param.apply("q"), param.apply("consent"), param.apply("status"),
                param.apply("group"), param.apply("after"));
    }

    /** What is wrong with it, naming the field, in staff's words; null when nothing is. */
    String problem() {
        if (q.length() > MAX_Q) return "Search: at most " + MAX_Q + " characters.";
        if (!consent.isEmpty() && consentState() == null) return "Consent: choose unknown, opted in or opted out.";
        if (!status.isEmpty() && contactStatus() == null) return "Status: choose valid, invalid or blocked.";
        if (!group.isEmpty() && groupId() == null) return "Group: choose one of the groups listed.";
        if (!after.isEmpty() && afterPhone() == null) return "This page's link is damaged: start from the first page.";
        return null;
    }

    /** The query of this page; call only when {@link #problem()} is null. */
    ContactQuery query() {
        return new ContactQuery(consentState(), contactStatus(), groupId(), q.isEmpty() ? null : q, afterPhone(), PAGE);
    }

    /** Anything chosen beyond the first page of everyone. */
    boolean narrowed() {
        return !q.isEmpty() || !consent.isEmpty() || !status.isEmpty() || !group.isEmpty();
    }

    /** The query string of this search's page after {@code last} (null: its first page). */
    String link(Phone last) {
        StringBuilder s = new StringBuilder();
        param(s, "q", q);
        param(s, "consent", consent);
        param(s, "status", status);
        param(s, "group", group);
        if (last != null) param(s, "after", last.digits());
        return s.isEmpty() ? "" : "?" + s;
    }

    private static void param(StringBuilder s, String name, String value) {
        if (value.isEmpty()) return;
        if (!s.isEmpty()) s.append('&');
        s.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private ConsentState consentState() {
        return switch (consent) {
            case "unknown" -> ConsentState.UNKNOWN;
            case "opted_in" -> ConsentState.OPTED_IN;
            case "opted_out" -> ConsentState.OPTED_OUT;
            default -> null;
        };
    }

    private ContactStatus contactStatus() {
        return switch (status) {
            case "valid" -> ContactStatus.VALID;
            case "invalid" -> ContactStatus.INVALID;
            case "blocked" -> ContactStatus.BLOCKED;
            default -> null;
        };
    }

    private Long groupId() {
        if (group.isEmpty() || !group.matches("[0-9]{1,18}")) return null;
        return Long.parseLong(group);
    }

    private Phone afterPhone() {
        if (after.isEmpty() || !after.matches("[0-9]{1,20}")) return null;
        try {
            return Phone.parse(after);
        } catch (InvalidPhoneException e) {
            return null;
        }
    }
}
