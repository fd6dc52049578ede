package dev.parley.server.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * RFC 9457 problems with a stable {@code type} URI per error, e.g. {@code https://parley.dev/problems/invalid-cursor}.
 * Thrown (or returned as {@code Mono.error}) from handlers; WebFlux renders them as {@code application/problem+json}.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://parley.dev/problems/";

    private Problems() {}

    /**
     * @param slug the stable last segment of the type URI
     * @param title a short, fixed summary of the problem type
     * @param detail a sentence a person understands about this occurrence; never message text
     */
    public static ErrorResponseException of(HttpStatus status, String slug, String title, String detail) {
        return new ErrorResponseException(status, detail(status, slug, title, detail), null);
    }

    public static ProblemDetail detail(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        return problem;
    }

    public static ErrorResponseException notFound(String what, Object id) {
        return of(HttpStatus.NOT_FOUND, "not-found", "Not found", "There is no " + what + " with id " + id + ".");
    }

    public static ErrorResponseException badRequest(String slug, String detail) {
        return of(HttpStatus.BAD_REQUEST, slug, "Bad request", detail);
    }
}
