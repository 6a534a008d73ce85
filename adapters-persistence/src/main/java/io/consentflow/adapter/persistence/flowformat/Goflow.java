package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The objects of a Nyaruka flow-editor definition (spec 13.x) as Jackson binds them, one record per object,
 * named as the format names its fields (the adapter's mapper reads names in snake case, so the two names that are
 * not say so with {@code @JsonProperty}). An object inside another is kept as {@link JsonNode} and bound on its own
 * by {@link Bind}, so each refusal names the object's own path. A {@code null} among strings is no string.
 */
final class Goflow {
    private Goflow() {
    }

    record Definition(String uuid, String name, Integer expire_after_minutes, List<JsonNode> nodes,
                      @JsonProperty("_ui") JsonNode _ui, JsonNode language, JsonNode localization) {
    }

    /**
     * One item's texts in one language ({@code localization.<language>.<uuid>}): each property an array of
     * strings, as the editor writes even a single text.
     */
    record Translation(@JsonSetter(contentNulls = Nulls.FAIL) List<String> text,
                       @JsonSetter(contentNulls = Nulls.FAIL) List<String> quick_replies,
                       @JsonSetter(contentNulls = Nulls.FAIL) List<String> attachments,
                       @JsonSetter(contentNulls = Nulls.FAIL) List<String> arguments) {
    }

    /** What a node is known by, read before the rest so that the rest can be named by it. */
    record NodeId(String uuid) {
    }

    record Node(String uuid, List<JsonNode> actions, JsonNode router, List<JsonNode> exits) {
    }

    record Exit(String uuid, String destination_uuid) {
    }

    /** What every action has; the rest depends on its type. */
    record ActionHead(String type, String uuid) {
    }

    record SendMsg(String text, @JsonSetter(contentNulls = Nulls.FAIL) List<String> quick_replies,
                   @JsonSetter(contentNulls = Nulls.FAIL) List<String> attachments, JsonNode templating) {
    }

    /** A send_msg's template: which one, and the expressions filling its variables in order. */
    record Templating(String uuid, JsonNode template,
                      @JsonSetter(contentNulls = Nulls.FAIL) List<String> variables) {
    }

    record TemplateRef(String uuid, String name) {
    }

    /** Glific keeps the interactive message in {@code text}, as JSON text (or, hand-edited, as an object). */
    record SendInteractiveMsg(String name, JsonNode text) {
    }

    record SetContactField(JsonNode field, String value) {
    }

    record ContactFieldRef(String key, String name) {
    }

    record SetContactName(String name) {
    }

    record SetContactLanguage(String language) {
    }

    /** add_contact_groups, remove_contact_groups and add_input_labels: named references. */
    record Groups(List<JsonNode> groups, Boolean all_groups) {
    }

    record Labels(List<JsonNode> labels) {
    }

    record Named(String name) {
    }

    record EnterFlow(JsonNode flow, Boolean terminal) {
    }

    record FlowRef(String uuid, String name) {
    }

    record SetRunResult(String name, String value, String category) {
    }

    /** {@code call_webhook}; Glific's {@code FUNCTION} method names a function in {@code url}. */
    record CallWebhook(String method, String url, @JsonSetter(contentNulls = Nulls.FAIL) Map<String, String> headers,
                       String body, String result_name) {
    }

    /** Glific's {@code wait_for_time} and {@code wait_for_result}: {@code delay} in seconds, written as text. */
    record Delay(JsonNode delay, String result_name) {
    }

    record Router(String type, String operand, List<JsonNode> cases, List<JsonNode> categories,
                  String default_category_uuid, @JsonProperty("wait") JsonNode waitFor, String result_name) {
    }

    record Case(String uuid, String type, @JsonSetter(contentNulls = Nulls.FAIL) List<String> arguments,
                String category_uuid) {
    }

    record Category(String uuid, String name, String exit_uuid) {
    }

    record Wait(String type, JsonNode timeout) {
    }

    /** {@code seconds}, or Glific's {@code expression} giving them when the run arrives. */
    record Timeout(Integer seconds, String category_uuid, String expression) {
    }

    /** The editor's layout: {@code nodes} maps a node's uuid to where it is drawn. */
    record Ui(JsonNode nodes) {
    }

    record NodeUi(JsonNode position) {
    }

    record Position(Double top, Double left) {
    }

    record InteractiveHead(String type) {
    }

    record QuickReply(JsonNode content, List<JsonNode> options) {
    }

    /** A quick reply's content; media quick replies carry their body as a caption. */
    record Content(String text, String caption, String header) {
    }

    record ListMessage(String title, String body, @JsonProperty("globalButtons") List<JsonNode> globalButtons,
                       List<JsonNode> items) {
    }

    /** Glific's location request: only a body; its action is always "send_location". */
    record LocationRequest(JsonNode body) {
    }

    record Titled(String title) {
    }

    record ListItem(String title, List<JsonNode> options) {
    }

    record ListRow(String title, String description) {
    }
}
