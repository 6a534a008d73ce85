package io.consentflow.application.port.in;

import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.Phone;

/**
 * Which contacts to list or export, in phone order: each filter is optional (null: any). {@code prefix} is a phone
 * prefix when it is digits (an optional {@code +} first), else a prefix of the name, ignoring case. {@code after}
 * is the last phone of the previous page (the keyset); {@code limit} the page's size.
 */
public record ContactQuery(ConsentState consent, ContactStatus status, Long groupId, String prefix, Phone after,
                           int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public ContactQuery {
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        if (prefix != null && prefix.isBlank()) prefix = null;
    }

    /** The phone digits the prefix names, or null when it names a name. */
    public String phonePrefix() {
        if (prefix == null) return null;
        String p = prefix.strip();
        if (p.startsWith("+")) p = p.substring(1);
        return !p.isEmpty() && p.chars().allMatch(c -> c >= '0' && c <= '9') ? p : null;
    }

    /** The name prefix, or null when the prefix names a phone. */
    public String namePrefix() {
        return prefix == null || phonePrefix() != null ? null : prefix.strip();
    }
}
