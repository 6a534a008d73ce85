package io.consentflow.application.port.in;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.message.RefusalReason;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The figures of the console's dashboard, read from counts kept up to date (cheap on any database size). */
public interface ViewDashboardUseCase {
    Dashboard dashboard();

    /**
     * @param byConsent  contacts by consent status now (every status present, zero included)
     * @param byStatus   contacts by contact status now (every status present, zero included)
     * @param days       the last {@link #DAYS} days (UTC), oldest first, today included
     * @param refused    sends refused by reason over those days, most first
     * @param outboxDepth messages queued and not yet accepted by a provider
     */
    record Dashboard(Map<ConsentState, Long> byConsent, Map<ContactStatus, Long> byStatus, List<Day> days,
                     List<Refused> refused, long outboxDepth) {
        public static final int DAYS = 30;

        public Dashboard {
            byConsent = Map.copyOf(byConsent);
            byStatus = Map.copyOf(byStatus);
            days = List.copyOf(days);
            refused = List.copyOf(refused);
        }

        public long contacts() {
            return byConsent.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One day: opt-ins and opt-outs by method. */
    record Day(LocalDate day, Map<ConsentMethod, Long> optins, Map<ConsentMethod, Long> optouts) {
        public Day {
            optins = Map.copyOf(optins);
            optouts = Map.copyOf(optouts);
        }

        public long totalOptins() {
            return optins.values().stream().mapToLong(Long::longValue).sum();
        }

        public long totalOptouts() {
            return optouts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** {@code reason} is the refusal's code as stored. */
    record Refused(String reason, long n) {
    }
}
