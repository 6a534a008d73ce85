package io.consentflow.domain.flow.effect;

import io.consentflow.domain.contact.InvalidPhoneException;
import io.consentflow.domain.contact.Phone;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who a broadcast or a flow start reaches: contacts by phone and groups by name (a group's members are found when
 * the work is applied, so a contact who joins meanwhile is reached too).
 */
public record Recipients(List<Phone> phones, List<String> groups) {
    /** Below this many digits a bare number is Glific's contact id rather than a phone with its country code. */
    private static final int MIN_BARE_DIGITS = 10;

    public Recipients {
        phones = List.copyOf(new LinkedHashSet<>(phones));
        groups = List.copyOf(new LinkedHashSet<>(groups));
    }

    public boolean none() {
        return phones.isEmpty() && groups.isEmpty();
    }

    /**
     * A URN or a phone as flows write them: {@code whatsapp:919876543210}, {@code tel:+919876543210}, {@code
     * +919876543210} or the digits alone; spaces, dashes and brackets between digits are dropped.
     */
    public static Optional<Phone> phoneOf(String reference) {
        if (reference == null) return Optional.empty();
        String r = reference.strip();
        int colon = r.indexOf(':');
        if (colon >= 0) {
            String scheme = r.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!scheme.equals("whatsapp") && !scheme.equals("tel")) return Optional.empty();
            r = r.substring(colon + 1);
        }
        r = r.replaceAll("[\\s()\\-.]", "");
        try {
            return Optional.of(Phone.parse(r));
        } catch (InvalidPhoneException e) {
            return Optional.empty();
        }
    }

    /**
     * A contact reference's uuid as a phone: a URN, a number with {@code +}, or a bare number long enough to carry
     * its country code. Glific names contacts by its own numeric ids, which name nobody here.
     */
    public static Optional<Phone> contactPhone(String uuid) {
        if (uuid == null) return Optional.empty();
        String u = uuid.strip();
        boolean explicit = u.startsWith("+") || u.contains(":");
        if (!explicit && u.replaceAll("\\D", "").length() < MIN_BARE_DIGITS) return Optional.empty();
        return phoneOf(u);
    }
}
