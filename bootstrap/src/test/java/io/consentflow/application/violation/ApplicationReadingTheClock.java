package io.consentflow.application.violation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Deliberately reads the wall clock instead of an injected Clock, in every way the rule names; test use only. */
public final class ApplicationReadingTheClock {
    public Object[] now() {
        Supplier<Instant> reference = Instant::now;
        LongSupplier millis = System::currentTimeMillis;
        return new Object[]{Instant.now(), LocalDate.now(), LocalDateTime.now(ZoneOffset.UTC), Clock.systemUTC(),
                Clock.systemDefaultZone(), System.currentTimeMillis(), reference, millis};
    }
}
