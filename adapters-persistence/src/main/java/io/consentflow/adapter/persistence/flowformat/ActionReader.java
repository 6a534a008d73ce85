package io.consentflow.adapter.persistence.flowformat;

import io.consentflow.domain.flow.InvalidFlowException;
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

/** One action by its {@code type}. An unknown type is refused here, at import, never skipped at run time. */
final class ActionReader {
    private ActionReader() {
    }

    static Action read(Fields a) {
        String type = a.id("type");
        String uuid = a.id("uuid");
        switch (type) {
            case "send_msg":
                return new SendMsg(uuid, a.requiredText("text"), a.strings("quick_replies"), a.strings("attachments"));
            case "send_interactive_msg":
                if (!a.has("text")) throw new InvalidFlowException(a.path("text"), "is missing");
                return new SendInteractiveMsg(uuid, a.text("name"), InteractiveReader.read(a.raw("text"),
                        a.path("text")));
            case "set_contact_field": {
                Fields field = a.object("field");
                return new SetContactField(uuid, field.id("key"), field.text("name"), a.requiredText("value"));
            }
            case "set_contact_name":
                return new SetContactName(uuid, a.requiredText("name"));
            case "set_contact_language":
                return new SetContactLanguage(uuid, a.requiredText("language"));
            case "add_contact_groups":
                return new AddContactGroups(uuid, a.names("groups"));
            case "remove_contact_groups":
                return new RemoveContactGroups(uuid, a.names("groups"), a.bool("all_groups", false));
            case "add_input_labels":
                return new AddInputLabels(uuid, a.names("labels"));
            case "enter_flow": {
                Fields flow = a.object("flow");
                return new EnterFlow(uuid, flow.id("uuid"), flow.text("name"));
            }
            case "set_run_result":
                return new SetRunResult(uuid, a.id("name"), a.requiredText("value"), a.text("category"));
            default:
                throw new InvalidFlowException(a.where(), "unknown action type '" + type + "'");
        }
    }
}
