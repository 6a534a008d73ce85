package io.consentflow.domain.flow.template;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.expression.Context;
import io.consentflow.domain.flow.expression.Env;
import io.consentflow.domain.flow.expression.Json;
import io.consentflow.domain.flow.expression.LazyProperties;
import io.consentflow.domain.flow.expression.Template;
import io.consentflow.domain.flow.expression.Value;
import io.consentflow.domain.flow.expression.Values;
import io.consentflow.domain.flow.run.RunResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Renders flow texts through goflow's expression language ({@link Template}): {@code @contact.name} and
 * {@code @(upper(contact.name))} go through one evaluator over the roots {@code contact}, {@code fields},
 * {@code urns}, {@code results}, {@code input}, {@code run}, {@code flow}, {@code parent}, {@code child},
 * {@code globals} and {@code webhook}. An expression that fails renders as nothing and its error is returned
 * with the text ({@link Template.Rendered}), as goflow logs an error event and goes on.
 * <p>
 * The contact is Glific's as well as goflow's: {@code @contact.phone} is the number, {@code @contact.<key>} a
 * field, a field the contact lacks is empty ({@code @fields.x}, {@code @contact.fields.x}).
 */
public final class Templates {
    private Templates() {
    }

    /** {@code text} rendered; errors are dropped (see {@link #evaluate}). Null renders as empty text. */
    public static String render(String text, TemplateContext context) {
        return evaluate(text, context).text();
    }

    /** Like {@link #render} but keeps null as null (optional texts such as a header). */
    public static String renderOrNull(String text, TemplateContext context) {
        return text == null ? null : render(text, context);
    }

    /** {@code text} rendered, with the error of each expression that failed. */
    public static Template.Rendered evaluate(String text, TemplateContext context) {
        if (text == null || text.isEmpty()) return new Template.Rendered("", List.of());
        if (text.indexOf('@') < 0) return new Template.Rendered(text, List.of());
        return Template.of(text).render(env(context));
    }

    /**
     * A router's operand as its cases see it: rendered, its first error, and the run's result when the operand
     * is that result and nothing else ({@code @results.x}, {@code @(results.x)}), as goflow hands
     * {@code has_category} the result itself.
     */
    public static Operand operand(String text, TemplateContext context) {
        if (text == null || text.indexOf('@') < 0) return new Operand(text == null ? "" : text, null, null);
        Template template = Template.of(text);
        Env env = env(context);
        if (!template.isSingle()) {
            Template.Rendered rendered = template.render(env);
            return new Operand(rendered.text(), rendered.errors().isEmpty() ? null : rendered.errors().get(0), null);
        }
        Value v = template.value(env);
        if (v instanceof Value.Error e) return new Operand("", e.message(), null);
        RunResult result = v instanceof Value.Obj o && o.source() instanceof RunResult r ? r : null;
        return new Operand(Values.render(v), null, result);
    }

    /** A router's operand evaluated: its text, why it failed (or null), the result it is (or null). */
    public record Operand(String text, String error, RunResult result) {
    }

    /** The expression environment of {@code c}: each root built when first used. */
    public static Env env(TemplateContext c) {
        Map<String, Supplier<Value>> roots = new HashMap<>(16);
        Contact contact = c.contact();
        roots.put("contact", () -> contact == null ? null : contact(contact));
        roots.put("fields", () -> contact == null ? null : fields(contact));
        roots.put("urns", () -> contact == null ? null : Value.Obj.of(Map.of("whatsapp", new Value.Text(urn(contact)))));
        roots.put("results", () -> results(c.results()));
        roots.put("input", () -> c.input() == null ? null : Value.Obj.withDefault(Map.of("text",
                new Value.Text(c.input())), new Value.Text(c.input())));
        roots.put("run", () -> c.run() == null ? null : run(c.run(), contact));
        roots.put("flow", () -> c.run() == null ? null : flow(c.run()));
        roots.put("parent", () -> c.parent() == null ? null : run(c.parent(), contact));
        roots.put("child", () -> child(c, contact));
        roots.put("globals", () -> globals(c.globals()));
        roots.put("webhook", () -> webhook(c.webhook()));
        return new Env(new Context(roots), c.now(), c.random());
    }

    private static Value contact(Contact contact) {
        String name = contact.name();
        Value.Obj fields = fields(contact);
        LazyProperties p = new LazyProperties()
                .put("name", () -> text(name))
                .put("first_name", () -> name == null || name.isBlank() ? null : new Value.Text(firstWord(name)))
                .put("phone", () -> new Value.Text(contact.phone().digits()))
                .put("language", () -> text(contact.language()))
                .put("status", () -> new Value.Text(contact.status().wire()))
                .put("created_on", () -> dateTime(contact.createdAt()))
                .put("last_seen_on", () -> dateTime(contact.lastInboundAt()))
                .put("urn", () -> new Value.Text(urn(contact)))
                .put("urns", () -> Value.Array.of(new Value.Text(urn(contact))))
                .put("groups", () -> {
                    List<Value> groups = new ArrayList<>();
                    for (String g : contact.groups()) groups.add(Value.Obj.of(Map.of("name", new Value.Text(g))));
                    return new Value.Array(groups);
                })
                .put("fields", () -> fields);
        // Glific reads a field as @contact.<key>; a key no contact has is empty, not an error
        return Value.Obj.withDefault(p, text(name)).withFallback(fields).asLenient();
    }

    /** The first word of a name (no regular expression: this runs for every contact rendered). */
    private static String firstWord(String name) {
        String n = name.strip();
        int i = 0;
        while (i < n.length() && !Character.isWhitespace(n.charAt(i))) i++;
        return n.substring(0, i);
    }

    private static Value.Obj fields(Contact contact) {
        Map<String, Value> p = new LinkedHashMap<>();
        contact.fields().forEach((k, v) -> p.put(k, text(v)));
        return Value.Obj.of(p).asLenient();
    }

    /** Contacts are reached on WhatsApp: the URN Glific gives them. */
    private static String urn(Contact contact) {
        return "whatsapp:" + contact.phone().digits();
    }

    private static Value results(Map<String, RunResult> results) {
        Map<String, Value> p = new LinkedHashMap<>();
        results.forEach((k, r) -> p.put(k, result(r)));
        return Value.Obj.of(p);
    }

    /** A result renders as its value; {@code has_category} sees the result itself. */
    private static Value result(RunResult r) {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("name", text(r.name()));
        p.put("value", text(r.value()));
        p.put("category", text(r.category()));
        p.put("category_localized", text(r.category()));
        p.put("input", text(r.input()));
        p.put("node_uuid", text(r.nodeUuid()));
        p.put("created_on", dateTime(r.at()));
        if (r.extra() != null) answered(r.extra()).forEach(p::putIfAbsent);
        return Value.Obj.withDefault(p, text(r.value())).withSource(r);
    }

    /**
     * The fields a webhook or a posted result answered, kept flattened ({@code plan.name}, {@code items.0}), as
     * nested objects again, so {@code @results.x.plan.name} reads them (Glific's shape).
     */
    private static Map<String, Value> answered(Map<String, String> extra) {
        Map<String, Object> tree = new LinkedHashMap<>();
        extra.forEach((path, value) -> {
            Map<String, Object> node = tree;
            String[] names = path.split("\\.");
            for (int i = 0; i < names.length - 1; i++) {
                Object next = node.get(names[i]);
                // the answer keeps an object both as its JSON text and as its members: the members win
                if (!(next instanceof Map)) node.put(names[i], next = new LinkedHashMap<String, Object>());
                @SuppressWarnings("unchecked") Map<String, Object> child = (Map<String, Object>) next;
                node = child;
            }
            if (!(node.get(names[names.length - 1]) instanceof Map)) node.put(names[names.length - 1], value);
        });
        return values(tree);
    }

    private static Map<String, Value> values(Map<String, Object> tree) {
        Map<String, Value> p = new LinkedHashMap<>();
        tree.forEach((k, v) -> {
            @SuppressWarnings("unchecked") Value value = v instanceof Map ? Value.Obj.of(values((Map<String, Object>) v))
                    : text((String) v);
            p.put(k, value);
        });
        return p;
    }

    private static Value run(TemplateContext.RunInfo run, Contact contact) {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("uuid", text(run.uuid()));
        p.put("status", text(run.status()));
        p.put("flow", flow(run));
        p.put("results", results(run.results()));
        p.put("created_on", dateTime(run.createdOn()));
        p.put("exited_on", dateTime(run.exitedOn()));
        p.put("contact", contact == null ? null : contact(contact));
        return Value.Obj.of(p);
    }

    private static Value flow(TemplateContext.RunInfo run) {
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("uuid", text(run.flowUuid()));
        p.put("name", text(run.flowName()));
        return Value.Obj.withDefault(p, text(run.flowName()));
    }

    /** goflow's child run, with Glific's {@code @child.run.status} beside goflow's {@code @child.status}. */
    private static Value child(TemplateContext c, Contact contact) {
        String status = c.child() != null ? c.child().status() : c.childStatus();
        if (c.child() == null && status == null) return null;
        Map<String, Value> p = new LinkedHashMap<>();
        if (c.child() != null) p.putAll(((Value.Obj) run(c.child(), contact)).properties());
        p.put("status", text(status));
        p.put("run", Value.Obj.of(Map.of("status", text(status))));
        return Value.Obj.of(p);
    }

    private static Value globals(Map<String, String> globals) {
        Map<String, Value> p = new LinkedHashMap<>();
        globals.forEach((k, v) -> p.put(k, text(v)));
        return Value.Obj.of(p);
    }

    /** The body as JSON ({@code @webhook.json.x}, also {@code @webhook.x}); it renders as the body's text. */
    private static Value webhook(String body) {
        if (body == null) return null;
        Value parsed;
        try {
            parsed = Json.parse(body);
        } catch (IllegalArgumentException e) {
            return new Value.Error("the webhook's answer is " + e.getMessage());
        }
        Map<String, Value> p = new LinkedHashMap<>();
        p.put("json", parsed);
        Value.Obj o = Value.Obj.withDefault(p, new Value.Text(body));
        return parsed instanceof Value.Obj fields ? o.withFallback(fields) : o;
    }

    private static Value text(String s) {
        return s == null ? null : new Value.Text(s);
    }

    private static Value dateTime(Instant at) {
        return at == null ? null : new Value.DateTime(at.atZone(Env.ZONE));
    }
}
