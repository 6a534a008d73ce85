package io.consentflow.domain.allowed;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Uses only what the domain may: its JDK packages, an injected clock and random source; test use only. */
public final class DomainUsingItsJava {
    public String everything(Clock clock, RandomGenerator random, List<String> texts) {
        Instant now = Instant.now(clock);
        BigDecimal amount = BigDecimal.valueOf(random.nextInt(10));
        Function<String, String> plain = t -> Normalizer.normalize(t, Normalizer.Form.NFC);
        return now + " " + amount + " "
                + texts.stream().map(plain).filter(Pattern.compile("a").asPredicate()).collect(Collectors.joining());
    }
}
