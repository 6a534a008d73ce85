package io.consentflow.adapter.http;

import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.Problem;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.application.port.in.SendMessageUseCase.ContactNotFoundException;
import io.consentflow.application.port.in.SendMessageUseCase.SendRefusedException;
import io.consentflow.application.port.out.StorageUnavailableException;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.keyword.EmptyKeywordException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure becomes an RFC 7807 problem body; stack traces go to the log only. */
final class ErrorHandlers {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandlers.class);

    private final Json json;
    private final long maxBodyBytes;

    ErrorHandlers(Json json, long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(RoutesConfig routes) {
        routes.exception(ProblemException.class, (e, ctx) -> write(ctx, e.problem()));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e, ctx)));
        routes.exception(InvalidFlowException.class, (e, ctx) ->
                write(ctx, Problem.of(422, e.getMessage()).withField(e.where()).withWhere(e.where())));
        routes.exception(EmptyKeywordException.class, (e, ctx) ->
                write(ctx, Problem.of(422, e.getMessage()).withField("keywords")));
        routes.exception(SendRefusedException.class, (e, ctx) ->
                write(ctx, Problem.of(422, "the send policy refused the message: " + e.reason().code())
                        .withCode(e.reason().code())));
        routes.exception(ContactNotFoundException.class, (e, ctx) -> write(ctx, Problem.of(404, e.getMessage())));
        routes.exception(StorageUnavailableException.class, (e, ctx) -> {
            log.warn("storage unavailable on {} {}: {}", ctx.method(), route(ctx), e.getMessage());
            ctx.header("Retry-After", "5");
            write(ctx, Problem.of(503, "storage unavailable, nothing was changed; try again later"));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected error on {} {}", ctx.method(), route(ctx), e);
            write(ctx, Problem.of(500, "unexpected error; it has been logged"));
        });
    }

    private Problem fromJavalin(HttpResponseException e, Context ctx) {
        switch (e.getStatus()) {
            case 404: return Problem.of(404, "no route " + ctx.method() + " " + ctx.path());
            case 405: return Problem.of(405, "method " + ctx.method() + " not allowed on " + ctx.path());
            case 413: return Problem.of(413, "the request body is larger than " + maxBodyBytes + " bytes");
            default: return Problem.of(e.getStatus(), e.getMessage());
        }
    }

    private void write(Context ctx, Problem problem) {
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(json.write(problem));
    }

    /** The matched route (not the concrete path: it may contain a phone number). */
    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
