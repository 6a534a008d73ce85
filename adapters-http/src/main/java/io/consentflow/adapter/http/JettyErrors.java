package io.consentflow.adapter.http;

import io.consentflow.adapter.http.support.Json;
import io.consentflow.adapter.http.support.Problem;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Problem bodies for the errors Jetty answers itself, before a request reaches Javalin's handlers: a request line
 * it cannot parse (bad %-encoding, an encoded NUL, ambiguous path segments, bad UTF-8), a URI or headers that are
 * too long. Jetty's own pages are HTML; every error of the service is {@code application/problem+json}.
 */
final class JettyErrors {
    private static final int MAX_DETAIL = 200;

    private JettyErrors() {
    }

    /** For {@code Server.setErrorHandler}: answers every error, whatever the method, with a problem body. */
    static ErrorHandler serverHandler(Json json) {
        return new ServerErrors(json);
    }

    /** The problem body for a Jetty error: the status's reason phrase and Jetty's message, never a stack trace. */
    static byte[] body(Json json, int status, String message) {
        return json.write(problem(status, message)).getBytes(StandardCharsets.UTF_8);
    }

    static Problem problem(int status, String message) {
        int code = status >= 400 && status <= 599 ? status : HttpStatus.BAD_REQUEST_400;
        String reason = HttpStatus.getMessage(code);
        String detail = code == HttpStatus.BAD_REQUEST_400
                ? "the request could not be read (malformed request line, %-encoding, UTF-8 or headers)" : reason;
        if (message != null && !message.isBlank() && !message.equalsIgnoreCase(reason) && looksSafe(message)) {
            detail = detail + ": " + (message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "..." : message);
        }
        if (code == HttpStatus.URI_TOO_LONG_414) detail = "the request URI is too long";
        if (code == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) detail = "the request headers are too large";
        return Problem.of(code, detail);
    }

    /** Jetty's messages are short phrases; anything naming an exception or a class stays in the log. */
    private static boolean looksSafe(String message) {
        return !message.contains("Exception") && !message.contains("Error:") && !message.contains("\n")
                && !message.contains("\tat ") && !message.contains(" at ");
    }

    private static final class ServerErrors extends ErrorHandler {
        private final Json json;

        ServerErrors(Json json) {
            this.json = json;
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            Problem problem = problem(code, message);
            if (response.getStatus() != problem.status()) response.setStatus(problem.status());
            byte[] bytes = json.write(problem).getBytes(StandardCharsets.UTF_8);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
            return ByteBuffer.wrap(body(json, status, reason));
        }
    }
}
