package io.consentflow.domain.flow.router;

import java.util.List;
import java.util.Optional;

/**
 * Picks a category. {@code SWITCH} evaluates {@code cases} in order against {@code operand} (default category
 * when none matches); {@code RANDOM} picks one category at random. With a {@code waitFor} the node first pauses
 * for a reply. {@code resultName} (may be null) saves the outcome as {@code @results.<snake name>}.
 */
public record Router(Kind kind, String operand, List<Case> cases, List<Category> categories,
                     String defaultCategoryUuid, Wait waitFor, String resultName) {
    public enum Kind { SWITCH, RANDOM }

    public Router {
        cases = List.copyOf(cases);
        categories = List.copyOf(categories);
    }

    public Optional<Category> category(String uuid) {
        return categories.stream().filter(c -> c.uuid().equals(uuid)).findFirst();
    }

    public boolean waits() {
        return waitFor != null;
    }
}
