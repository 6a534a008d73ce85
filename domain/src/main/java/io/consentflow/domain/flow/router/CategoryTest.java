package io.consentflow.domain.flow.router;

import io.consentflow.domain.flow.run.RunResult;

import java.util.List;
import java.util.Optional;

/**
 * The result the operand names ({@code @results.x}) has one of these categories, compared exactly, as goflow
 * does; the value is the category. An operand that names no result of the run matches nothing.
 */
public record CategoryTest(List<String> categories) implements CaseTest {
    public CategoryTest {
        categories = List.copyOf(categories);
        if (categories.isEmpty()) throw new IllegalArgumentException("no categories");
    }

    @Override
    public Optional<String> match(CaseInput input) {
        RunResult result = input.result();
        if (result == null || result.category() == null) return Optional.empty();
        return categories.contains(result.category()) ? Optional.of(result.category()) : Optional.empty();
    }
}
