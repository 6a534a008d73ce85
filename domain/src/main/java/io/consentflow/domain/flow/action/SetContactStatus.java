package io.consentflow.domain.flow.action;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;

/**
 * goflow's {@code set_contact_status}, mapped so that no status lets a message through that consent would not:
 * <ul>
 *     <li>{@code blocked}: the contact is blocked (nothing is sent to it; consent unchanged);</li>
 *     <li>{@code stopped}: the contact opted out (method {@code flow}, evidence the message that moved the flow),
 *     as RapidPro's "stopped" is a contact who sent STOP;</li>
 *     <li>{@code archived}: blocked as well: an archived contact gets nothing, and no consent is made up for it;</li>
 *     <li>{@code active}: unblocked, its status then what its consent implies. It never opts anyone in: a stopped
 *     (opted-out) contact stays opted out until it opts in itself.</li>
 * </ul>
 */
public record SetContactStatus(String uuid, Status status) implements Action {
    public enum Status {
        ACTIVE, BLOCKED, STOPPED, ARCHIVED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Override
    public boolean execute(Step step) {
        Contact contact = step.contact();
        switch (status) {
            case ACTIVE -> contact.unblock();
            case BLOCKED, ARCHIVED -> contact.block();
            case STOPPED -> contact.optOut(ConsentMethod.FLOW, step.evidence(), step.run().flowUuid(), step.now());
        }
        return true;
    }
}
