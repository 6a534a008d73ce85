package io.consentflow.domain.flow.router;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Tests on words: any, all, a phrase, or only a phrase. Both sides are split by {@link Words}. */
public record WordTest(Mode mode, String argument) implements CaseTest {
    /** Any of the words, all of them, the phrase anywhere, or only the phrase. */
    public enum Mode {
        ANY, ALL, PHRASE, ONLY_PHRASE
    }

    @Override
    public Optional<String> match(CaseInput in) {
        String operand = in.text();
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
