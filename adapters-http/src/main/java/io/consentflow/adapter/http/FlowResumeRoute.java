package io.consentflow.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.adapter.http.support.BoundedBody;
import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.Problem;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.adapter.http.support.StorableText;
import io.consentflow.adapter.http.webhook.WebhookAnswers;
import io.consentflow.application.port.InputText;
import io.consentflow.application.port.in.ResumeFlowUseCase;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /webhooks/flow-resume}: an outside system posts the result a run paused at Glific's
 * {@code wait_for_result} waits for, {@code {"run_id": "<uuid>", "result": {...}}} (the run's id reaches it as
 * the {@code X-Consentflow-Run} header of the flow's webhook calls). Authenticated like the admin API (its API
 * key as {@code Authorization: Bearer}), JSON in UTF-8. 200 when the run went on; 404 for a run nobody knows; 409
 * when the run is not waiting for a result (a second post, a delay that passed): nothing changes.
 */
final class FlowResumeRoute {
    static final String PATH = "/webhooks/flow-resume";
    private static final String RUN_ID = "run_id";
    private static final String RESULT = "result";

    private final Json json;
    private final ResumeFlowUseCase useCase;
    private final String apiKey;

    FlowResumeRoute(Json json, ResumeFlowUseCase useCase, String apiKey) {
        this.json = json;
        this.useCase = useCase;
        this.apiKey = apiKey;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.post(PATH, this::resume);
    }

    private void resume(Context ctx) {
        ApiKeyAuth.requireAny(ctx, apiKey);
        new AdminContentType().check(ctx);
        JsonNode body = json.readObject(BoundedBody.read(ctx));
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(RUN_ID) && !name.equals(RESULT)) {
                throw ProblemException.badRequest(name, "unknown field " + InputText.quoted(name)
                        + "; this body takes run_id, result");
            }
        }
        UUID runId = runId(body.get(RUN_ID));
        JsonNode result = body.get(RESULT);
        if (result == null || result.isNull()) result = json.mapper().createObjectNode();
        if (!result.isObject()) throw ProblemException.badRequest(RESULT, "result must be a JSON object");
        requireStorable(result, RESULT);
        Map<String, String> fields = WebhookAnswers.flatten(result);
        switch (useCase.resume(runId, result.toString(), fields)) {
            case RESUMED -> json.reply(ctx, Map.of(RUN_ID, runId.toString(), "status", "resumed"));
            case UNKNOWN_RUN -> throw new ProblemException(Problem.of(404, "no run " + runId).withField(RUN_ID));
            case NOT_WAITING -> throw new ProblemException(Problem.of(409, "run " + runId
                    + " is not waiting for a result (it went on already, or its delay passed)").withField(RUN_ID));
        }
    }

    private static UUID runId(JsonNode node) {
        if (node == null || node.isNull()) throw ProblemException.badRequest(RUN_ID, "run_id is missing");
        if (!node.isTextual()) throw ProblemException.badRequest(RUN_ID, "run_id must be a string");
        try {
            return UUID.fromString(node.asText().strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(RUN_ID, "run_id must be a run's id (a UUID)");
        }
    }

    /** Every key and string of the result must be storable; the first that is not is named. */
    private static void requireStorable(JsonNode node, String path) {
        if (node.isTextual()) {
            StorableText.require(path, node.asText());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = path + "." + e.getKey();
                StorableText.require(path, e.getKey());
                requireStorable(e.getValue(), at);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) requireStorable(node.get(i), path + "[" + i + "]");
        }
    }
}
