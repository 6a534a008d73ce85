package io.consentflow.domain.flow.action;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.effect.Recipients;
import io.consentflow.domain.flow.run.RunError;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recipients of {@code send_broadcast} and {@code start_session} as the flow names them: URNs, contacts (by a
 * phone in their uuid), groups by name, and goflow's {@code legacy_vars} (expressions that render to phone numbers,
 * several separated by commas). Resolved when the action runs.
 */
public record RecipientList(List<String> urns, List<String> contacts, List<String> groups, List<String> legacyVars) {
    public RecipientList {
        urns = List.copyOf(urns);
        contacts = List.copyOf(contacts);
        groups = List.copyOf(groups);
        legacyVars = List.copyOf(legacyVars);
    }

    /** The phones and groups named; a reference that names no phone is recorded on the run and skipped. */
    Recipients resolve(Step step) {
        List<Phone> phones = new ArrayList<>();
        for (String urn : urns) add(Recipients.phoneOf(step.render(urn)), urn, phones, step);
        for (String contact : contacts) add(Recipients.contactPhone(contact), contact, phones, step);
        for (String expression : legacyVars) {
            for (String part : step.render(expression).split(",")) {
                if (!part.isBlank()) add(Recipients.phoneOf(part), part, phones, step);
            }
        }
        List<String> named = groups.stream().filter(g -> g != null && !g.isBlank()).toList();
        return new Recipients(phones, named);
    }

    private static void add(Optional<Phone> phone, String written, List<Phone> phones, Step step) {
        if (phone.isPresent()) phones.add(phone.get());
        else step.recordError(RunError.BAD_RECIPIENT, "recipient '" + written + "' names no phone number: skipped");
    }
}
