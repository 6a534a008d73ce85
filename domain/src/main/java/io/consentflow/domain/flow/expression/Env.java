package io.consentflow.domain.flow.expression;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What an evaluation sees besides its arguments: the context (the roots {@code contact}, {@code results}, ...),
 * the time of the sprint ({@code now()}, {@code today()}), the timezone (UTC: the project has no timezone
 * setting) and the random source the host injected ({@code rand()}).
 */
public record Env(Context context, Instant now, RandomGenerator random) {
    public static final ZoneId ZONE = ZoneOffset.UTC;

    public Env {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(now, "now");
    }

    ZonedDateTime zonedNow() {
        return now.atZone(ZONE);
    }
}
