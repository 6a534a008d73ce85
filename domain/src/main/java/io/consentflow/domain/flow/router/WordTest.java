package io.consentflow.domain.flow.router;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Tests on words: any, all, a phrase, or only a phrase. Both sides are split by {@link Words}. */
public record WordTest(Mode mode, String argument) implements CaseTest {
    /** Each mode with its case type's name in the flow editor; every mode takes one argument, the words. */
    public enum Mode {
        ANY("has_any_word"), ALL("has_all_words"), PHRASE("has_phrase"), ONLY_PHRASE("has_only_phrase");

        private final String type;

        Mode(String type) {
            this.type = type;
        }
    }

    /** The test for a case of {@code type}, when it is one of these. */
    static Optional<CaseTest> named(String type, List<String> args) {
        for (Mode m : Mode.values()) {
            if (m.type.equals(type)) return Optional.of(new WordTest(m, CaseTests.arg(type, args, 0)));
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> match(String operand) {
        List<String> input = Words.of(operand);
        List<String> wanted = Words.of(argument);
        return switch (mode) {
            case ANY -> {
                List<String> hits = new ArrayList<>();
                for (String w : input) if (wanted.contains(w) && !hits.contains(w)) hits.add(w);
                yield hits.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", hits));
            }
            case ALL -> !wanted.isEmpty() && input.containsAll(wanted)
                    ? Optional.of(String.join(" ", wanted)) : Optional.empty();
            case PHRASE -> wanted.isEmpty() || Collections.indexOfSubList(input, wanted) >= 0
                    ? Optional.of(String.join(" ", wanted)) : Optional.empty();
            case ONLY_PHRASE -> input.equals(wanted) ? Optional.of(String.join(" ", wanted)) : Optional.empty();
        };
    }
}
