package io.consentflow.adapter.http.console;

import io.consentflow.application.port.in.ManageBroadcastsUseCase;
import io.consentflow.application.port.in.ManageBroadcastsUseCase.NewBroadcast;
import io.consentflow.domain.broadcast.Audience;
import io.consentflow.domain.broadcast.BroadcastContent;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A new broadcast as typed in the console's form ({@code name}, {@code template}, {@code param1}..{@code paramN},
 * {@code group}, {@code at}), each value as typed so the form can show it again. Parameters are kept up to the
 * last one filled in: the form has as many inputs as the longest template needs, and the template chosen decides
 * how many count. The start time is UTC, as every time in the console ({@code datetime-local} gives it without a
 * zone); one with an offset is taken as it says.
 */
public record BroadcastDraft(String name, String template, List<String> params, String group, String at) {
    /** More parameter inputs than any template could use are not read. */
    static final int MAX_PARAMS = 50;
    static final int MAX_PARAM = 1024;

    public BroadcastDraft {
        name = name == null ? "" : name.strip();
        template = template == null ? "" : template.strip();
        params = List.copyOf(params);
        group = group == null ? "" : group.strip();
        at = at == null ? "" : at.strip();
    }

    static BroadcastDraft empty() {
        return new BroadcastDraft("", "", List.of(), "", "");
    }

    static BroadcastDraft from(Function<String, String> field) {
        List<String> params = new ArrayList<>();
        int last = 0;
        for (int i = 1; i <= MAX_PARAMS; i++) {
            String p = field.apply("param" + i);
            params.add(p == null ? "" : p);
            if (p != null && !p.isBlank()) last = i;
        }
        return new BroadcastDraft(field.apply("name"), field.apply("template"), params.subList(0, last),
                field.apply("group"), field.apply("at"));
    }

    /**
     * What is wrong with the form's shape, by field, in staff's words; empty when nothing is. Whether the template
     * and group exist and the parameters fit is the use case's to say.
     */
    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (name.isEmpty()) problems.put("name", "Give the broadcast a name.");
        else if (name.length() > ManageBroadcastsUseCase.MAX_NAME) {
            problems.put("name", "At most " + ManageBroadcastsUseCase.MAX_NAME + " characters.");
        }
        if (template.isEmpty()) problems.put("template", "Choose a template.");
        for (String p : params) {
            if (p.length() > MAX_PARAM) {
                problems.put("params", "Each parameter has at most " + MAX_PARAM + " characters.");
                break;
            }
        }
        if (group.isEmpty()) problems.put("group", "Choose the group to send to.");
        else if (groupId() == null) problems.put("group", "Choose one of the groups listed.");
        if (!at.isEmpty() && startAt() == null) {
            problems.put("at", "Give the start as a date and time in UTC, e.g. 2026-12-01T09:00, or leave it empty.");
        }
        return problems;
    }

    /** The group's id; null when it is not a number. */
    Long groupId() {
        if (!group.matches("[0-9]{1,18}")) return null;
        long id = Long.parseLong(group);
        return id < 1 ? null : id;
    }

    /** The start time; null when none is given or it cannot be read. */
    Instant startAt() {
        if (at.isEmpty()) return null;
        try {
            return OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(at).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** The use case's request; only when {@link #problems()} is empty. */
    NewBroadcast request() {
        return new NewBroadcast(name, new BroadcastContent.TemplateSend(template, params),
                new Audience.Group(groupId()), startAt());
    }

    /**
     * The form's field a use case's field names ({@code template.name}, {@code template.params}, {@code to.group},
     * ...), so its message is shown next to the input at fault.
     */
    static String formField(String useCaseField) {
        if (useCaseField == null) return "form";
        return switch (useCaseField) {
            case "name" -> "name";
            case "template.name", "template", "flow" -> "template";
            case "at" -> "at";
            case "to", "to.group", "to.phones" -> "group";
            default -> useCaseField.startsWith("template.params") ? "params" : "form";
        };
    }
}
