package io.consentflow.domain.flow.router;

import io.consentflow.domain.flow.InvalidFlowException;

import java.util.List;
import java.util.Optional;

final class CaseTests {
    private CaseTests() {
    }

    static CaseTest of(String type, List<String> arguments) {
        throw new InvalidFlowException(null, "unknown case type: " + type);
    }

    record Placeholder() implements CaseTest {
        public Optional<String> match(String operand) {
            return Optional.empty();
        }
    }
}
