package io.consentflow.domain.flow.router;

import java.util.Optional;

/**
 * A time of day anywhere in the text ({@code 10:30}, {@code 1030}, {@code 10 PM}, {@code 10:30:45}; an hour alone
 * counts, as in goflow). The value is the time as goflow shows it: {@code 22:00:00.000000}.
 */
public record TimeTest() implements CaseTest {
    @Override
    public Optional<String> match(CaseInput input) {
        return Dates.time(input.text()).map(Dates::format);
    }
}
