package io.consentflow.domain.flow.router;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * Tests on the first date in the text ({@link Dates} says how one is read: day first, or ISO), compared by day in
 * UTC with a bound: a fixed date or a number of days from today. The value is the date with its time, as goflow
 * shows it ({@code 2017-01-15T10:30:00.000000Z}); a date without a time takes the time of the sprint.
 */
public record DateTest(Mode mode, Bound bound) implements CaseTest {
    /** Any date, or one before, on or after the bound. */
    public enum Mode {
        ANY, LT, EQ, GT
    }

    /** What a date is compared with. */
    public sealed interface Bound permits Fixed, FromToday {
        /** The bound's day, or empty when it depends on a today that is not known. */
        Optional<LocalDate> day(LocalDate today);
    }

    /** A given day ({@code 2017-01-15}). */
    public record Fixed(LocalDate date) implements Bound {
        @Override
        public Optional<LocalDate> day(LocalDate today) {
            return Optional.of(date);
        }
    }

    /** Today plus {@code days} (negative: in the past), as the flow editor's "today + n days" writes it. */
    public record FromToday(int days) implements Bound {
        @Override
        public Optional<LocalDate> day(LocalDate today) {
            return today == null ? Optional.empty() : Optional.of(today.plusDays(days));
        }
    }

    public DateTest {
        if ((mode == Mode.ANY) != (bound == null)) {
            throw new IllegalArgumentException("any date takes no bound, a comparison takes one: " + mode);
        }
    }

    /** A date written alone, as a flow's author writes a bound: {@code 2017-01-15} or {@code 15-01-2017}. */
    public static Optional<LocalDate> date(String text) {
        return text == null ? Optional.empty() : Dates.exactDate(text);
    }

    @Override
    public Optional<String> match(CaseInput input) {
        LocalDateTime now = input.now() == null ? null : LocalDateTime.ofInstant(input.now(), Dates.ZONE);
        LocalDate today = now == null ? null : now.toLocalDate();
        Optional<LocalDateTime> found = Dates.find(input.text(), now);
        if (found.isEmpty()) return Optional.empty();
        LocalDate day = found.get().toLocalDate();
        boolean accepted = switch (mode) {
            case ANY -> true;
            case LT -> bound.day(today).map(b -> day.isBefore(b)).orElse(false);
            case EQ -> bound.day(today).map(b -> day.isEqual(b)).orElse(false);
            case GT -> bound.day(today).map(b -> day.isAfter(b)).orElse(false);
        };
        return accepted ? Optional.of(Dates.format(found.get())) : Optional.empty();
    }
}
