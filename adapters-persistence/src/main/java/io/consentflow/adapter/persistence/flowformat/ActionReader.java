package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.flow.action.Action;
import io.consentflow.domain.flow.action.AddContactGroups;
import io.consentflow.domain.flow.action.AddInputLabels;
import io.consentflow.domain.flow.action.CallWebhook;
import io.consentflow.domain.flow.action.EnterFlow;
import io.consentflow.domain.flow.action.RemoveContactGroups;
import io.consentflow.domain.flow.action.SendInteractiveMsg;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.flow.action.SetContactField;
import io.consentflow.domain.flow.action.SetContactLanguage;
import io.consentflow.domain.flow.action.SetContactName;
import io.consentflow.domain.flow.action.SetRunResult;
import io.consentflow.domain.flow.action.WaitForResult;
import io.consentflow.domain.flow.action.WaitForTime;
import io.consentflow.domain.flow.webhook.WebhookRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One action by its {@code type}. An unknown type is refused here, at import, never skipped at run time. */
final class ActionReader {
    private ActionReader() {
    }

    static Action read(JsonNode item, String at) {
        Goflow.ActionHead head = Bind.as(item, at, Goflow.ActionHead.class);
        String type = Bind.id(head.type(), at + ".type");
        String uuid = Bind.id(head.uuid(), at + ".uuid");
        switch (type) {
            case "send_msg": {
                Goflow.SendMsg a = Bind.as(item, at, Goflow.SendMsg.class);
                return new SendMsg(uuid, Bind.text(a.text(), at + ".text"), Bind.orEmpty(a.quick_replies()),
                        Bind.orEmpty(a.attachments()), templating(a.templating(), at + ".templating"));
            }
            case "send_interactive_msg": {
                Goflow.SendInteractiveMsg a = Bind.as(item, at, Goflow.SendInteractiveMsg.class);
                if (Bind.absent(a.text())) throw new InvalidFlowException(at + ".text", "is missing");
                return new SendInteractiveMsg(uuid, a.name(), InteractiveReader.read(a.text(), at + ".text"));
            }
            case "set_contact_field": {
                Goflow.SetContactField a = Bind.as(item, at, Goflow.SetContactField.class);
                Goflow.ContactFieldRef field = Bind.required(a.field(), at + ".field", Goflow.ContactFieldRef.class);
                return new SetContactField(uuid, Bind.id(field.key(), at + ".field.key"), field.name(),
                        Bind.text(a.value(), at + ".value"));
            }
            case "set_contact_name":
                return new SetContactName(uuid, Bind.text(Bind.as(item, at, Goflow.SetContactName.class).name(),
                        at + ".name"));
            case "set_contact_language":
                return new SetContactLanguage(uuid, Bind.text(
                        Bind.as(item, at, Goflow.SetContactLanguage.class).language(), at + ".language"));
            case "add_contact_groups":
                return new AddContactGroups(uuid, names(Bind.as(item, at, Goflow.Groups.class).groups(),
                        at + ".groups"));
            case "remove_contact_groups": {
                Goflow.Groups a = Bind.as(item, at, Goflow.Groups.class);
                return new RemoveContactGroups(uuid, names(a.groups(), at + ".groups"),
                        a.all_groups() != null && a.all_groups());
            }
            case "add_input_labels":
                return new AddInputLabels(uuid, names(Bind.as(item, at, Goflow.Labels.class).labels(),
                        at + ".labels"));
            case "enter_flow": {
                Goflow.EnterFlow a = Bind.as(item, at, Goflow.EnterFlow.class);
                Goflow.FlowRef flow = Bind.required(a.flow(), at + ".flow", Goflow.FlowRef.class);
                return new EnterFlow(uuid, Bind.id(flow.uuid(), at + ".flow.uuid"), flow.name(),
                        Boolean.TRUE.equals(a.terminal()));
            }
            case "set_run_result": {
                Goflow.SetRunResult a = Bind.as(item, at, Goflow.SetRunResult.class);
                return new SetRunResult(uuid, Bind.id(a.name(), at + ".name"), Bind.text(a.value(), at + ".value"),
                        a.category());
            }
            case "call_webhook":
                return callWebhook(uuid, Bind.as(item, at, Goflow.CallWebhook.class), at);
            case "wait_for_time":
                return new WaitForTime(uuid, delay(Bind.as(item, at, Goflow.Delay.class).delay(), at + ".delay"));
            case "wait_for_result": {
                Goflow.Delay a = Bind.as(item, at, Goflow.Delay.class);
                return new WaitForResult(uuid, delay(a.delay(), at + ".delay"), Bind.nonBlank(a.result_name()));
            }
            default: {
                Action more = ExtraActionReader.read(type, item, at, uuid);
                if (more != null) return more;
                throw new InvalidFlowException(at, "unknown action type '" + type + "'");
            }
        }
    }

    /** A call_webhook: one of the methods we make (GET, POST, PUT, PATCH, DELETE, or Glific's FUNCTION) and a url. */
    private static CallWebhook callWebhook(String uuid, Goflow.CallWebhook a, String at) {
        String method = Bind.id(a.method(), at + ".method").strip().toUpperCase(Locale.ROOT);
        if (!WebhookRequest.METHODS.contains(method)) {
            throw new InvalidFlowException(at + ".method", "must be GET, POST, PUT, PATCH, DELETE or FUNCTION, not '"
                    + a.method() + "'");
        }
        return new CallWebhook(uuid, method, Bind.id(a.url(), at + ".url"),
                a.headers() == null ? Map.of() : a.headers(), a.body() == null ? "" : a.body(),
                Bind.nonBlank(a.result_name()));
    }

    /**
     * A delay in seconds as Glific writes it (text, {@code "600"}) or as a number; absent or blank is Glific's "no
     * delay" (0).
     */
    private static long delay(JsonNode node, String at) {
        if (Bind.absent(node)) return 0;
        if (node.isIntegralNumber() && node.canConvertToLong()) return node.asLong();
        if (node.isTextual()) {
            String text = node.asText().strip();
            if (text.isEmpty()) return 0;
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new InvalidFlowException(at, "must be a whole number of seconds, not '" + text + "'");
            }
        }
        throw new InvalidFlowException(at, "must be a whole number of seconds");
    }

    /** A send_msg's {@code templating}, or null without one; the template must be named. */
    static SendMsg.Templating templating(JsonNode node, String at) {
        Goflow.Templating t = Bind.optional(node, at, Goflow.Templating.class);
        if (t == null) return null;
        Goflow.TemplateRef ref = Bind.required(t.template(), at + ".template", Goflow.TemplateRef.class);
        return new SendMsg.Templating(ref.uuid(), Bind.id(ref.name(), at + ".template.name"),
                Bind.orEmpty(t.variables()));
    }

    /** The {@code name} of each referenced group or label. */
    private static List<String> names(List<JsonNode> items, String at) {
        List<String> names = new ArrayList<>();
        List<Goflow.Named> named = Bind.each(items, at, Goflow.Named.class);
        for (int i = 0; i < named.size(); i++) names.add(Bind.id(named.get(i).name(), at + "[" + i + "].name"));
        return names;
    }
}
