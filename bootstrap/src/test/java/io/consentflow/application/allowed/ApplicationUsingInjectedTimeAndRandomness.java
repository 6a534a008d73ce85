package io.consentflow.application.allowed;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Takes time and randomness from what it is given, or from a fixed seed: allowed anywhere; test use only. */
public final class ApplicationUsingInjectedTimeAndRandomness {
    public Object[] use(Clock clock, RandomGenerator random) {
        return new Object[]{Instant.now(clock), LocalDate.now(clock), clock.instant(), random.nextLong(),
                new Random(42).nextInt(), new SplittableRandom(42).nextInt()};
    }
}
