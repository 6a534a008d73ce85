package io.consentflow.adapter.http;

import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.Problem;
import io.consentflow.adapter.http.support.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.application.port.in.SendMessageUseCase.ContactNotFoundException;
import io.consentflow.application.port.in.SendMessageUseCase.SendRefusedException;
import io.consentflow.application.port.in.SendMessageUseCase.TemplateNotFoundException;
import io.consentflow.application.port.in.SendMessageUseCase.TemplateParamsMismatchException;
import io.consentflow.application.port.in.ManageTemplatesUseCase.TemplateTakenException;
import io.consentflow.application.port.out.StorageUnavailableException;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.keyword.InvalidKeywordException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;

/** Every failure becomes an RFC 7807 problem body; stack traces go to the log only. */
final class ErrorHandlers {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandlers.class);

    private final Json json;
    private final long maxBodyBytes;

    ErrorHandlers(Json json, long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** For the whole app (the service's own server): every failure of every route. */
    void register(RoutesConfig routes) {
        routes.exception(ProblemException.class, this::handle);
        routes.exception(HttpResponseException.class, this::handle);
        routes.exception(FlowFormatException.class, this::handle);
        routes.exception(InvalidFlowException.class, this::handle);
        routes.exception(InvalidKeywordException.class, this::handle);
        routes.exception(SendRefusedException.class, this::handle);
        routes.exception(ContactNotFoundException.class, this::handle);
        routes.exception(TemplateNotFoundException.class, this::handle);
        routes.exception(TemplateParamsMismatchException.class, this::handle);
        routes.exception(TemplateTakenException.class, this::handle);
        routes.exception(StorageUnavailableException.class, this::handle);
        routes.exception(Exception.class, this::handle);
    }

    /**
     * The problem body for a failure. Mounted routes call this themselves (a host's exception handlers stay the
     * host's, and never see ours); the service's server has it registered for everything.
     */
    void handle(Exception failure, Context ctx) {
        if (failure instanceof ProblemException e) {
            write(ctx, e.problem());
        } else if (failure instanceof HttpResponseException e) {
            write(ctx, fromJavalin(e, ctx));
        } else if (failure instanceof FlowFormatException e) {
            write(ctx, flowFormat(e));
        } else if (failure instanceof InvalidFlowException e) {
            write(ctx, Problem.of(422, flowFault(e.getMessage(), e.where())).withField(e.where())
                    .withWhere(e.where()));
        } else if (failure instanceof InvalidKeywordException e) {
            write(ctx, Problem.of(422, e.getMessage()).withField("keywords"));
        } else if (failure instanceof SendRefusedException e) {
            write(ctx, Problem.of(422, "the send policy refused the message: " + e.reason().code())
                    .withCode(e.reason().code()));
        } else if (failure instanceof TemplateNotFoundException e) {
            write(ctx, Problem.of(422, e.getMessage()).withCode("template_not_found")
                    .withField(e.language() ? "template.language" : "template.name"));
        } else if (failure instanceof TemplateParamsMismatchException e) {
            write(ctx, Problem.of(422, e.getMessage()).withCode("template_params_mismatch")
                    .withField("template.params"));
        } else if (failure instanceof TemplateTakenException e) {
            write(ctx, Problem.of(409, e.getMessage()).withCode("template_exists").withField("language"));
        } else if (failure instanceof ContactNotFoundException e) {
            write(ctx, Problem.of(404, e.getMessage()));
        } else if (failure instanceof StorageUnavailableException e) {
            log.warn("storage unavailable on {} {}: {}", ctx.method(), route(ctx), e.getMessage());
            ctx.header("Retry-After", "5");
            write(ctx, Problem.of(503, "storage unavailable, nothing was changed; try again later"));
        } else {
            Problem unreadable = unreadableRequest(failure);
            if (unreadable != null) {
                // the client's fault (a body shorter than its Content-Length, bad chunking), not ours
                log.info("unreadable request on {} {}: {}", ctx.method(), route(ctx), failure.toString());
                write(ctx, unreadable);
                return;
            }
            log.error("unexpected error on {} {}", ctx.method(), route(ctx), failure);
            write(ctx, Problem.of(500, "unexpected error; it has been logged"));
        }
    }

    /**
     * A request Jetty could not read to its end: the body ended before its declared length (the client closed the
     * connection) or its framing is broken. Jetty says so with an {@link org.eclipse.jetty.http.HttpException}
     * carrying a 4xx code, or an {@link EOFException}, possibly wrapped.
     */
    static Problem unreadableRequest(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof org.eclipse.jetty.http.HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return Problem.of(http.getCode(), "the request could not be read: it ended early or its framing is broken");
            }
            if (t instanceof EOFException) {
                return Problem.of(400, "the request body ended before its declared length");
            }
            if (t instanceof java.util.concurrent.TimeoutException) {
                return Problem.of(408, "the request body arrived too slowly");
            }
        }
        return null;
    }

    private Problem fromJavalin(HttpResponseException e, Context ctx) {
        switch (e.getStatus()) {
            case 404: return Problem.of(404, "no route " + ctx.method() + " " + ctx.path());
            case 405: return Problem.of(405, "method " + ctx.method() + " not allowed on " + ctx.path());
            case 413: return Problem.of(413, "the request body is larger than " + maxBodyBytes + " bytes");
            // Javalin's own texts name its validators and classes: the status's phrase says enough
            default: return Problem.of(e.getStatus(), "the request was refused: "
                    + io.javalin.http.HttpStatus.forStatus(e.getStatus()).getMessage().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * The flow rule's own words, unless the reader fell back to an exception's text (a gap in its checks): that
     * names Java or Jackson classes, which say nothing about the flow; the place ({@code where}) still does.
     */
    static String flowFault(String message, String where) {
        String m = message == null ? "" : message;
        return NAMES_INTERNALS.test(m) ? "the flow definition cannot be read at " + where : m;
    }

    /**
     * An import the flow format refused: text that is not JSON or not in the shape of an import is a bad request
     * (400) naming the field, as any other body; a well-formed import of a flow that cannot run is 422 naming where.
     */
    static Problem flowFormat(FlowFormatException e) {
        return switch (e.fault()) {
            case NOT_JSON -> Problem.of(400, e.getCause() instanceof JsonProcessingException parse
                    ? Json.malformed(parse) : "the request body is empty").withField("body");
            case NOT_AN_IMPORT -> Problem.of(400, e.detail()).withField(e.where());
            case OVER_LIMIT -> Problem.of(422, e.detail()).withField(e.where());
            case INVALID_FLOW -> Problem.of(422, flowFault(e.getMessage(), e.where())).withField(e.where())
                    .withWhere(e.where());
        };
    }

    /** Text that names a Java or Jackson class, a Jackson setting or a stack frame. */
    static final java.util.function.Predicate<String> NAMES_INTERNALS = java.util.regex.Pattern.compile(
            "[A-Z][A-Za-z]*(Exception|Error)\\b|\\bjavax?\\.[a-z]|(?i:com\\.fasterxml|\\bjackson\\b)|JsonNode"
                    + "|FAIL_ON_|\\bat [a-z]+\\.[a-z]").asPredicate();

    /**
     * As UTF-8 bytes: JSON is UTF-8 (RFC 8259), and {@code result(String)} would encode it in the response's
     * default charset, ISO-8859-1, turning a detail that quotes the input (a phone, a keyword) into mojibake or
     * invalid UTF-8.
     */
    private void write(Context ctx, Problem problem) {
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE)
                .result(json.write(problem).getBytes(StandardCharsets.UTF_8));
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
