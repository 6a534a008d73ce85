package io.consentflow.bootstrap.fuzz;

import java.nio.file.Path;
import java.util.Random;

/**
 * The knobs of the fuzz suite, all system properties so a failure reproduces from the command line:
 * {@code -Dfuzz.seed=<long>} (logged by every run), {@code -Dfuzz.count=<inputs per endpoint>} (default 10,000),
 * {@code -Dfuzz.threads=<client threads>} (default 4).
 */
final class FuzzConfig {
    // A fixed default keeps CI deterministic; pass -Dfuzz.seed=$RANDOM (or any long) to explore further.
    static final long SEED = Long.getLong("fuzz.seed", 20261125L);
    static final int COUNT = Integer.getInteger("fuzz.count", 10_000);
    static final int THREADS = Integer.getInteger("fuzz.threads", 4);
    /** Where failing inputs are written, one file each, byte for byte. */
    static final Path FAILURES = Path.of("target", "fuzz-failures");

    private FuzzConfig() {
    }

    /** An independent, reproducible stream per endpoint: the same seed gives each endpoint the same inputs. */
    static Random random(String endpoint) {
        return new Random(SEED * 31 + endpoint.hashCode());
    }

    static String describe() {
        return "fuzz.seed=" + SEED + " fuzz.count=" + COUNT + " fuzz.threads=" + THREADS
                + " (rerun with -Dfuzz.seed=" + SEED + ")";
    }
}
