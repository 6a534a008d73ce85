package io.consentflow.adapter.http.admin;

import io.consentflow.adapter.http.support.BoundedBody;
import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.Problem;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.adapter.http.support.QueryParams;
import io.consentflow.application.port.in.ManageFlowsUseCase;
import io.consentflow.application.port.in.ManageFlowsUseCase.FlowImport;
import io.consentflow.application.port.in.ManageFlowsUseCase.FlowPatch;
import io.consentflow.application.port.in.ManageFlowsUseCase.ImportResult;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.flow.Flow;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.mapstruct.factory.Mappers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Importing (Glific's export {@code {"flows":[{"definition":..,"keywords":..}]}} or a bare definition with
 * {@code ?keywords=a,b&ignoreKeywords=true}), listing, reading, re-triggering and deleting flows. The import's
 * text is the use case's to read; refusals from the flow format are 400 or 422 problems naming the field, node or
 * keyword at fault (see {@code ErrorHandlers}).
 */
public final class FlowRoutes {
    /** Flow exports outgrow a webhook's body limit; an import is an authenticated admin call. */
    public static final long MIN_IMPORT_LIMIT_BYTES = 8L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(FlowRoutes.class);
    private static final String FLOWS = "/api/v1/flows";
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;
    /** A cursor is a flow uuid; anything longer is none (and is not echoed into a Link header). */
    private static final int MAX_CURSOR = 256;

    private final Json json;
    private final ManageFlowsUseCase flows;
    private final long importLimit;
    private final FlowJsonMapper mapper = Mappers.getMapper(FlowJsonMapper.class);

    /** @param maxBodyBytes the adapter's body limit; imports may be larger, up to {@link #MIN_IMPORT_LIMIT_BYTES} */
    public FlowRoutes(Json json, ManageFlowsUseCase flows, long maxBodyBytes) {
        this.json = json;
        this.flows = flows;
        this.importLimit = Math.max(maxBodyBytes, MIN_IMPORT_LIMIT_BYTES);
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post(FLOWS + "/import", this::importFlows);
        routes.get(FLOWS, this::list);
        routes.get(FLOWS + "/{uuid}", this::flow);
        routes.patch(FLOWS + "/{uuid}", this::patch);
        routes.delete(FLOWS + "/{uuid}", this::delete);
    }

    /**
     * The body goes to the use case as the text it is: the flow format (export envelope and definition) is read
     * once, behind the port. Only the query's keywords and ignoreKeywords, for a bare definition, are read here.
     */
    private void importFlows(Context ctx) {
        String body = Json.text(BoundedBody.read(ctx, importLimit));
        List<String> keywords = QueryParams.all(ctx, "keywords").stream()
                .flatMap(k -> Arrays.stream(k.split(",")))
                .map(String::strip)
                .filter(k -> !k.isEmpty())
                .toList();
        ImportResult result = flows.importFlows(new FlowImport(body, keywords, ignoreKeywordsParam(ctx)));
        log.info("imported {} flow(s): {}", result.flows().size(),
                result.flows().stream().map(f -> f.stored().flow().uuid()).toList());
        json.reply(ctx.status(HttpStatus.CREATED), result.flows().stream()
                .map(f -> mapper.imported(f.stored(), f.warnings())).toList());
    }

    private static boolean ignoreKeywordsParam(Context ctx) {
        String raw = QueryParams.first(ctx, "ignoreKeywords");
        if (raw == null || raw.isEmpty()) return false;
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default: throw ProblemException.badRequest("ignoreKeywords", "ignoreKeywords must be true or false");
        }
    }

    /**
     * One page of flows, ordered by uuid: {@code ?limit=} (default {@value #DEFAULT_PAGE}, at most
     * {@value #MAX_PAGE}) flows after {@code ?cursor=} (a uuid: the last one of the previous page). The body stays
     * the JSON array it always was; when there are more, the next page's address is in {@code Link: <..>;
     * rel="next"} (RFC 8288) and its cursor in {@code X-Next-Cursor}.
     */
    private void list(Context ctx) {
        int limit = limitParam(ctx);
        String cursor = QueryParams.first(ctx, "cursor");
        if (cursor != null && cursor.length() > MAX_CURSOR) {
            throw ProblemException.badRequest("cursor", "cursor must be a flow uuid from the previous page");
        }
        List<StoredFlow> after = flows.list().stream()
                .filter(f -> cursor == null || cursor.isEmpty() || f.flow().uuid().compareTo(cursor) > 0)
                .sorted(Comparator.comparing(f -> f.flow().uuid()))
                .limit(limit + 1L)
                .toList();
        List<StoredFlow> page = after.size() > limit ? after.subList(0, limit) : after;
        if (after.size() > limit) {
            String next = page.get(page.size() - 1).flow().uuid();
            String encoded = URLEncoder.encode(next, StandardCharsets.UTF_8);
            ctx.header("Link", "<" + FLOWS + "?limit=" + limit + "&cursor=" + encoded + ">; rel=\"next\"");
            ctx.header("X-Next-Cursor", encoded);
        }
        json.reply(ctx, mapper.summaries(page));
    }

    private static int limitParam(Context ctx) {
        String raw = QueryParams.first(ctx, "limit");
        if (raw == null || raw.isEmpty()) return DEFAULT_PAGE;
        if (!raw.matches("[0-9]{1,4}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > MAX_PAGE) {
            throw ProblemException.badRequest("limit", "limit must be a whole number from 1 to " + MAX_PAGE);
        }
        return Integer.parseInt(raw);
    }

    /** Refused before any keyword is normalised: 200,000 of them made one import take seconds. */
    private static List<String> boundedKeywords(List<String> keywords, String field) {
        if (keywords.size() > Flow.MAX_KEYWORDS) {
            throw new ProblemException(Problem.of(422, "a flow has at most "
                    + Flow.MAX_KEYWORDS + " keywords, got " + keywords.size()).withField(field));
        }
        return keywords;
    }

    private void flow(Context ctx) {
        String uuid = ctx.pathParam("uuid");
        json.reply(ctx, mapper.detail(flows.get(uuid).orElseThrow(() -> noFlow(uuid))));
    }

    /** {@code {"keywords":[..],"ignoreKeywords":bool,"active":bool}}, each optional. */
    private void patch(Context ctx) {
        String uuid = ctx.pathParam("uuid");
        FlowPatchBody body = json.read(BoundedBody.read(ctx), FlowPatchBody.class);
        FlowPatch patch = new FlowPatch(body.keywords() == null ? null : boundedKeywords(body.keywords(), "keywords"),
                body.ignoreKeywords(), body.active());
        requireFlow(uuid);
        StoredFlow updated = flows.update(uuid, patch).orElseThrow(() -> noFlow(uuid));
        log.info("flow {} updated", uuid);
        json.reply(ctx, mapper.summary(updated));
    }

    private void delete(Context ctx) {
        String uuid = ctx.pathParam("uuid");
        requireFlow(uuid);
        if (!flows.delete(uuid)) throw noFlow(uuid);
        log.info("flow {} deleted", uuid);
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /**
     * A 404 for an unknown flow before the use case runs: an update or delete takes the catalogue lock, which
     * bumps the catalogue version (every instance then reloads its flows) and commits even when no flow matched,
     * so a refused request would still have written.
     */
    private void requireFlow(String uuid) {
        if (flows.get(uuid).isEmpty()) throw noFlow(uuid);
    }

    private static ProblemException noFlow(String uuid) {
        return ProblemException.notFound("no flow " + uuid);
    }
}
