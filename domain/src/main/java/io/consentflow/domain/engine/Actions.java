package io.consentflow.domain.engine;

import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.flow.action.AddContactGroups;
import io.consentflow.domain.flow.action.AddInputLabels;
import io.consentflow.domain.flow.action.EnterFlow;
import io.consentflow.domain.flow.action.RemoveContactGroups;
import io.consentflow.domain.flow.action.SendInteractiveMsg;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.flow.action.SetContactField;
import io.consentflow.domain.flow.action.SetContactLanguage;
import io.consentflow.domain.flow.action.SetContactName;
import io.consentflow.domain.flow.action.SetRunResult;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;

import java.util.List;
import java.util.Locale;

/**
 * Executes one action on the current run of an {@link Execution}. Each action is a small method, as goflow has
 * one file per action type. Returns false when the action ended the run (a refused send, a missing child flow).
 */
final class Actions {
    /** Glific's consent action: {@code set_contact_field} with this key and value optin/optout. */
    static final String CONSENT_FIELD = SetContactField.CONSENT_FIELD;

    private Actions() {
    }

    static boolean execute(Action action, Execution x) {
        if (action instanceof SendMsg a) return sendMsg(a, x);
        if (action instanceof SendInteractiveMsg a) return sendInteractive(a, x);
        if (action instanceof SetContactField a) return setContactField(a, x);
        if (action instanceof SetContactName a) {
            x.contact().rename(x.render(a.name()));
            return true;
        }
        if (action instanceof SetContactLanguage a) {
            x.contact().changeLanguage(x.render(a.language()));
            return true;
        }
        if (action instanceof AddContactGroups a) {
            x.contact().addGroups(a.groups());
            return true;
        }
        if (action instanceof RemoveContactGroups a) {
            // copy: contact.groups() is a view of the set being changed
            x.contact().removeGroups(a.allGroups() ? List.copyOf(x.contact().groups()) : a.groups());
            return true;
        }
        if (action instanceof AddInputLabels) {
            return true; // labels belong to the inbound message, which the application records; nothing to do here
        }
        if (action instanceof SetRunResult a) {
            x.run().saveResult(new RunResult(a.name(), x.render(a.value()), blankToNull(a.category()), x.input(),
                    x.run().nodeUuid(), x.now()));
            return true;
        }
        if (action instanceof EnterFlow a) return x.enterFlow(a.flowUuid());
        throw new IllegalStateException("no execution for action " + action.getClass().getSimpleName());
    }

    private static boolean sendMsg(SendMsg a, Execution x) {
        String body = x.render(a.text());
        List<String> quickReplies = a.quickReplies().stream().map(x::render).toList();
        return x.send(MessageType.TEXT, body, new OutboundContent.Text(body, quickReplies));
    }

    private static boolean sendInteractive(SendInteractiveMsg a, Execution x) {
        Interactive m = a.message();
        List<Interactive.Section> sections = m.sections().stream()
                .map(s -> new Interactive.Section(x.renderOrNull(s.title()), s.rows().stream()
                        .map(r -> new Interactive.Row(x.render(r.title()), x.renderOrNull(r.description())))
                        .toList()))
                .toList();
        Interactive rendered = new Interactive(m.kind(), x.renderOrNull(m.header()), x.render(m.text()),
                m.buttons().stream().map(x::render).toList(), x.renderOrNull(m.listButton()), sections);
        // The stored message reads as the body the contact sees.
        return x.send(MessageType.INTERACTIVE, rendered.text(), new OutboundContent.InteractiveContent(rendered));
    }

    private static boolean setContactField(SetContactField a, Execution x) {
        Contact contact = x.contact();
        String value = x.render(a.value());
        if (a.consentField()) {
            String choice = value.strip().toLowerCase(Locale.ROOT);
            String flowUuid = x.run().flowUuid();
            switch (choice) {
                case "optin" -> {
                    contact.optIn(ConsentMethod.FLOW, x.evidence(), flowUuid, x.now());
                    // the opt-in is recorded: the opt-in flow's exception has done its job for this run
                    x.run().optinRecorded(x.now());
                }
                case "optout" -> contact.optOut(ConsentMethod.FLOW, x.evidence(), flowUuid, x.now());
                default -> contact.setField(CONSENT_FIELD, value); // another preference kept under settings
            }
            return true;
        }
        if (a.key() == null || a.key().isBlank()) return true; // nothing to set; import should not let this in
        contact.setField(a.key(), value);
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
