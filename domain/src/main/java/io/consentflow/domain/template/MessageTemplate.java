package io.consentflow.domain.template;

import io.consentflow.domain.contact.Language;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One registered template in one language: what the provider approved under {@code providerId} (Gupshup's template
 * id, Meta's template name), its category, and its body with the placeholders {@code {{1}}}..{@code {{n}}} that
 * the parameters of a send fill in order.
 *
 * @param language   the language as the provider names it ({@code en}, {@code en_US}, {@code hi})
 * @param providerId what the provider knows it by; null when that is its {@code name}
 * @param createdAt  when it was registered: a name's first language is its default
 */
public record MessageTemplate(UUID id, String name, String language, TemplateCategory category, String body,
                              String header, String footer, List<String> buttons, String providerId,
                              Instant createdAt) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([0-9]{1,3})\\s*}}");

    public MessageTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    /** How many parameters a send must give: the body's placeholders, numbered from 1 without a gap. */
    public int params() {
        return placeholders(body).orElseThrow();
    }

    /**
     * The number of placeholders in {@code body}, or empty when they are not {@code {{1}}}..{@code {{n}}} each
     * at least once (a gap, or a {@code {{0}}}, could never be filled as the provider fills them).
     */
    public static Optional<Integer> placeholders(String body) {
        Matcher m = PLACEHOLDER.matcher(body);
        int highest = 0;
        java.util.BitSet seen = new java.util.BitSet();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n == 0) return Optional.empty();
            seen.set(n);
            highest = Math.max(highest, n);
        }
        return seen.cardinality() == highest ? Optional.of(highest) : Optional.empty();
    }

    /** The body as the contact reads it: each {@code {{n}}} replaced by the n-th parameter. */
    public String render(List<String> values) {
        if (values.size() != params()) throw new IllegalArgumentException("expected " + params() + " parameters");
        Matcher m = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder(body.length() + 16);
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(values.get(Integer.parseInt(m.group(1)) - 1)));
        m.appendTail(out);
        return out.toString();
    }

    /** What the provider is given to name it: its provider id, else its name. */
    public String providerName() {
        return providerId == null ? name : providerId;
    }

    /** The language this entry is in, when its tag names one ({@code en_US} is English). */
    public Optional<Language> knownLanguage() {
        return Language.find(language);
    }
}
