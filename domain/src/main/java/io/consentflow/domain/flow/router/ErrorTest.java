package io.consentflow.domain.flow.router;

import java.util.Optional;

/**
 * The operand could not be evaluated (goflow's {@code has_error}): it names a result the run does not have. The
 * value is why.
 */
public record ErrorTest() implements CaseTest {
    @Override
    public Optional<String> match(CaseInput input) {
        return Optional.ofNullable(input.error());
    }
}
