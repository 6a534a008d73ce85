package io.consentflow.adapter.http.support;

/** Ends a request with a problem body. Carries no stack trace: it is an answer, not a fault. */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(Problem.of(400, detail).withField(field));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, detail));
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(Problem.of(422, detail));
    }
}
