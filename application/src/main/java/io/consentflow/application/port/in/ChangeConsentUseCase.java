package io.consentflow.application.port.in;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.consent.ConsentTopic;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Consent changes from outside a flow: a provider's user-event (method bsp) or the admin API (method api). */
public interface ChangeConsentUseCase {
    /**
     * @return the contact after the change; empty when it does not exist and {@code createIfMissing} is false
     */
    Optional<Contact> change(ChangeConsentCommand command);

    /**
     * @param evidence        the provider event or the API caller's note
     * @param at              when it happened (a provider's event time), or null for now
     * @param createIfMissing a provider event about an unknown phone creates the contact first
     * @param liftsOnly       for a provider's "resume": the evidence of the provider's own "stop", the only opt-out
     *                        it may lift (see {@code Contact.liftProviderStop}); null for an ordinary change
     * @param topic           consent itself, or the marketing-messages switch (Meta's stop and resume of marketing
     *                        messages); a marketing resume also lifts a consent opt-out {@code liftsOnly} names
     */
    record ChangeConsentCommand(Phone phone, ConsentState to, ConsentMethod method, String evidence, Instant at,
                                boolean createIfMissing, String liftsOnly, ConsentTopic topic) {
        public ChangeConsentCommand {
            Objects.requireNonNull(phone, "phone");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(topic, "topic");
            if (to == ConsentState.UNKNOWN) throw new IllegalArgumentException("status must be opted_in or opted_out");
            if (liftsOnly != null && to != ConsentState.OPTED_IN) {
                throw new IllegalArgumentException("only an opt-in can be limited to lifting a provider's stop");
            }
        }

        public ChangeConsentCommand(Phone phone, ConsentState to, ConsentMethod method, String evidence, Instant at,
                                    boolean createIfMissing) {
            this(phone, to, method, evidence, at, createIfMissing, null);
        }

        public ChangeConsentCommand(Phone phone, ConsentState to, ConsentMethod method, String evidence, Instant at,
                                    boolean createIfMissing, String liftsOnly) {
            this(phone, to, method, evidence, at, createIfMissing, liftsOnly, ConsentTopic.ALL);
        }
    }
}
