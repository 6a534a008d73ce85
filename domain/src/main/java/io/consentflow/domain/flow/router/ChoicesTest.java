package io.consentflow.domain.flow.router;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Glific's {@code has_multiple}, the answer to a checklist: every item of the reply is one of the choices, in any
 * order and number ("2, 3" of "1 2 3"). Reply and choices are split into items on spaces, commas and semicolons
 * and compared lower-cased. An empty reply chooses nothing. The value is the reply, trimmed.
 */
public record ChoicesTest(Set<String> choices) implements CaseTest {
    public ChoicesTest {
        choices = Set.copyOf(choices);
        if (choices.isEmpty()) throw new IllegalArgumentException("no choices");
    }

    /** The choices written in one argument ("1, 2, 3" or "red green blue"). */
    public static ChoicesTest of(String argument) {
        return new ChoicesTest(items(argument));
    }

    @Override
    public Optional<String> match(CaseInput input) {
        Set<String> reply = items(input.text());
        return !reply.isEmpty() && choices.containsAll(reply) ? Optional.of(input.text().strip()) : Optional.empty();
    }

    /** The distinct lower-cased items of {@code text}. */
    static Set<String> items(String text) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : text.toLowerCase(Locale.ROOT).split("(?U)[\\s,;]+")) {
            if (!item.isEmpty()) items.add(item);
        }
        return items;
    }
}
