package io.consentflow.domain.flow.router;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * goflow's {@code has_intent} (any intent of the classification) and {@code has_top_intent} (its best one) at or
 * above a confidence. They test what a classifier answered; no classifier is configured here, so no result carries
 * a classification and they match nothing: the router takes its other categories (Glific's flows then go down
 * their Failure or Other route). The import warns of it.
 *
 * @param top       only the best intent counts ({@code has_top_intent})
 * @param intent    the intent's name
 * @param threshold the least confidence, 0 to 1
 */
public record IntentTest(boolean top, String intent, BigDecimal threshold) implements CaseTest {
    public IntentTest {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(threshold, "threshold");
    }

    @Override
    public Optional<String> match(CaseInput input) {
        return Optional.empty();
    }
}
