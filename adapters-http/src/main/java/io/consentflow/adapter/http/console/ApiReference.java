package io.consentflow.adapter.http.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admin API's and webhooks' reference: {@code GET /openapi.json} (OpenAPI 3.1, written by hand beside the
 * routes and checked against them by a test) and {@code GET /api/docs}, the same read on a page of the console's
 * style, rendered here (no script). Both are public: they describe the API, they open nothing.
 */
public final class ApiReference {
    /** The rendered reference; the API key check leaves it alone (a browser cannot send a bearer token). */
    public static final String DOCS = "/api/docs";
    public static final String SPEC = "/openapi.json";
    private static final String RESOURCE = "io/consentflow/adapter/http/openapi.json";

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonNode spec;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html,
            ApiReference.class.getClassLoader(), "io.consentflow.adapter.http.console.view");

    public ApiReference() {
        try (InputStream in = ApiReference.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
            spec = mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec with its server set to where our routes are ({@code prefix}, or the root). */
    public String json(String prefix) {
        ObjectNode copy = spec.deepCopy();
        copy.putArray("servers").addObject().put("url", prefix.isEmpty() ? "/" : prefix);
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(JavalinDefaultRoutingApi routes, String prefix) {
        String json = json(prefix);
        String page = page(prefix);
        routes.get(SPEC, ctx -> ctx.contentType("application/json; charset=utf-8").result(json));
        routes.get(DOCS, ctx -> {
            ctx.header("Content-Security-Policy", "default-src 'self'; style-src 'self'; frame-ancestors 'none'");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.contentType("text/html; charset=utf-8").result(page);
        });
    }

    /** Every documented {@code METHOD path}, for the test that holds the spec and the routes together. */
    public List<String> operations() {
        List<String> out = new ArrayList<>();
        for (Operation o : read()) out.add(o.method() + " " + o.path());
        return out;
    }

    /** One operation as the page lists it. */
    public record Operation(String method, String path, String summary, String description, List<Param> params,
                            String body, List<Response> responses, String tag) {
    }

    public record Param(String name, String in, boolean required, String description) {
    }

    public record Response(String status, String description) {
    }

    private List<Operation> read() {
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode o = op.getValue();
                List<Param> params = new ArrayList<>();
                for (JsonNode p : o.path("parameters")) {
                    params.add(new Param(p.path("name").asText(), p.path("in").asText(), p.path("required").asBoolean(),
                            p.path("description").asText("")));
                }
                String body = null;
                JsonNode content = o.path("requestBody").path("content");
                if (content.isObject() && content.fieldNames().hasNext()) {
                    String type = content.fieldNames().next();
                    JsonNode schema = content.get(type).path("schema");
                    body = type + ": " + (schema.has("$ref") ? schema.get("$ref").asText().replaceAll(".*/", "")
                            : schema.path("description").asText("object"));
                }
                List<Response> responses = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> rs = o.path("responses").fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    responses.add(new Response(r.getKey(), r.getValue().path("description").asText("")));
                }
                out.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), o.path("summary").asText(""),
                        o.path("description").asText(""), params, body, responses,
                        o.path("tags").path(0).asText("")));
            }
        }
        return out;
    }

    private String page(String prefix) {
        StringOutput out = new StringOutput();
        templates.render("apidocs.jte", Map.of("title", spec.path("info").path("title").asText() + " API",
                "intro", spec.path("info").path("description").asText(""), "operations", read(),
                "prefix", prefix, "css", prefix + "/console/assets/console.css",
                "schemas", schemas()), out);
        return out.toString();
    }

    /** The body schemas, each as its JSON text: the page shows them as they are in the spec. */
    private List<Map.Entry<String, String>> schemas() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("components").path("schemas").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            try {
                out.add(Map.entry(s.getKey(), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(s.getValue())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

}
