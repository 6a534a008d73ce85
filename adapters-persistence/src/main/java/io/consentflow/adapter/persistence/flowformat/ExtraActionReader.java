package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.flow.action.CallClassifier;
import io.consentflow.domain.flow.action.OpenTicket;
import io.consentflow.domain.flow.action.RecipientList;
import io.consentflow.domain.flow.action.SendBroadcast;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.flow.action.SetContactStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The actions that reach beyond the contact's own messages, as goflow and Glific write them: {@code
 * send_broadcast}, {@code start_session}, {@code set_contact_status}, {@code open_ticket}, {@code call_classifier}.
 * {@link ActionReader} hands over the types it does not know itself.
 */
final class ExtraActionReader {
    private ExtraActionReader() {
    }

    /** The action of {@code type}, or null when this reader does not know the type either. */
    static Action read(String type, JsonNode item, String at, String uuid) {
        return switch (type) {
            case "send_broadcast" -> {
                Broadcast a = Bind.as(item, at, Broadcast.class);
                SendMsg message = new SendMsg(uuid, a.text() == null ? "" : a.text(),
                        Bind.orEmpty(a.quick_replies()), Bind.orEmpty(a.attachments()),
                        ActionReader.templating(a.templating(), at + ".templating"));
                yield new SendBroadcast(uuid, message, recipients(a.urns(), a.contacts(), a.groups(),
                        a.legacy_vars(), at));
            }
            case "start_session" -> {
                StartSession a = Bind.as(item, at, StartSession.class);
                Goflow.FlowRef flow = Bind.required(a.flow(), at + ".flow", Goflow.FlowRef.class);
                Exclusions exclusions = Bind.optional(a.exclusions(), at + ".exclusions", Exclusions.class);
                yield new io.consentflow.domain.flow.action.StartSession(uuid, Bind.id(flow.uuid(), at + ".flow.uuid"),
                        flow.name(), recipients(a.urns(), a.contacts(), a.groups(), a.legacy_vars(), at),
                        exclusions != null && Boolean.TRUE.equals(exclusions.in_a_flow()));
            }
            case "set_contact_status" -> {
                String status = Bind.id(Bind.as(item, at, Status.class).status(), at + ".status");
                yield new SetContactStatus(uuid, switch (status.toLowerCase(Locale.ROOT)) {
                    case "active" -> SetContactStatus.Status.ACTIVE;
                    case "blocked" -> SetContactStatus.Status.BLOCKED;
                    case "stopped" -> SetContactStatus.Status.STOPPED;
                    case "archived" -> SetContactStatus.Status.ARCHIVED;
                    default -> throw new InvalidFlowException(at + ".status", "unknown contact status '" + status
                            + "' (active, blocked, stopped or archived)");
                });
            }
            case "open_ticket" -> {
                Ticket a = Bind.as(item, at, Ticket.class);
                Goflow.Named topic = Bind.optional(a.topic(), at + ".topic", Goflow.Named.class);
                Assignee assignee = Bind.optional(a.assignee(), at + ".assignee", Assignee.class);
                String who = assignee == null ? null : Bind.nonBlank(assignee.email() != null ? assignee.email()
                        : assignee.uuid() != null ? assignee.uuid() : assignee.name());
                yield new OpenTicket(uuid, topic == null ? null : topic.name(), a.body(), who,
                        Bind.nonBlank(a.result_name()));
            }
            case "call_classifier" -> {
                Classifier a = Bind.as(item, at, Classifier.class);
                Goflow.Named classifier = Bind.optional(a.classifier(), at + ".classifier", Goflow.Named.class);
                yield new CallClassifier(uuid, classifier == null ? null : classifier.name(), a.input(),
                        Bind.nonBlank(a.result_name()));
            }
            default -> null;
        };
    }

    private static RecipientList recipients(List<String> urns, List<JsonNode> contacts, List<JsonNode> groups,
                                            List<String> legacyVars, String at) {
        List<String> contactIds = new ArrayList<>();
        List<Reference> cs = Bind.each(contacts, at + ".contacts", Reference.class);
        for (int i = 0; i < cs.size(); i++) contactIds.add(Bind.id(cs.get(i).uuid(), at + ".contacts[" + i + "].uuid"));
        List<String> groupNames = new ArrayList<>();
        List<Reference> gs = Bind.each(groups, at + ".groups", Reference.class);
        for (int i = 0; i < gs.size(); i++) groupNames.add(Bind.id(gs.get(i).name(), at + ".groups[" + i + "].name"));
        return new RecipientList(Bind.orEmpty(urns), contactIds, groupNames, Bind.orEmpty(legacyVars));
    }

    record Broadcast(String text, List<String> quick_replies, List<String> attachments, JsonNode templating,
                     List<String> urns, List<JsonNode> contacts, List<JsonNode> groups, List<String> legacy_vars) {
    }

    record StartSession(JsonNode flow, List<String> urns, List<JsonNode> contacts, List<JsonNode> groups,
                        List<String> legacy_vars, JsonNode exclusions) {
    }

    record Exclusions(Boolean in_a_flow) {
    }

    record Reference(String uuid, String name) {
    }

    record Status(String status) {
    }

    record Ticket(JsonNode topic, String body, JsonNode assignee, String result_name) {
    }

    record Assignee(String uuid, String email, String name) {
    }

    record Classifier(JsonNode classifier, String input, String result_name) {
    }
}
