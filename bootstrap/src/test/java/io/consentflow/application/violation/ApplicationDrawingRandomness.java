package io.consentflow.application.violation;

import java.security.SecureRandom;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Deliberately draws on randomness nobody injected, in every way the rule names; test use only. */
public final class ApplicationDrawingRandomness {
    public Object[] draw() {
        Supplier<UUID> ids = UUID::randomUUID;
        Supplier<Random> randoms = Random::new;
        return new Object[]{UUID.randomUUID(), ThreadLocalRandom.current(), Math.random(), new Random(),
                new SplittableRandom(), new SecureRandom(), RandomGenerator.getDefault(),
                RandomGeneratorFactory.getDefault(), ids, randoms};
    }
}
