// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.CqrsException;
import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.UnexpectedException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response with the reason
 * in {@code detail}: the request's own faults and domain rejections 400, an oversized body 413, a
 * body that is not UTF-8 JSON 415, what Jetty refuses before any route (see {@link ServerErrors}), a
 * conflict that outlived the retries 409 with {@code Retry-After}, an unreachable database 503, and
 * anything else 500 with an error id in place of internals.
 */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    private Problems() {
    }

    /**
     * Answers {@code failure} as a problem; registered as the exception handler of every route.
     *
     * @param failure what the handler threw
     * @param ctx the request
     */
    static void handle(Exception failure, Context ctx) {
        switch (failure) {
            case InvalidRequestException e -> {
                LOG.debug("{} {}: {} {}", ctx.method(), ctx.path(), e.status(), e.getMessage());
                write(ctx, e.status(), e.getMessage());
            }
            case CqrsException e -> handleCqrs(e, ctx);
            case HttpResponseException e -> write(ctx, e.getStatus(), e.getMessage());
            default -> unexpected(failure, ctx);
        }
    }

    private static void handleCqrs(CqrsException failure, Context ctx) {
        switch (failure) {
            case CommandRejectedException e -> {
                LOG.debug("{} {}: rejected: {}", ctx.method(), ctx.path(), e.getMessage());
                write(ctx, 400, e.getMessage());
            }
            case AggregateConflictException e -> {
                LOG.warn("{} {}: conflict after all retries: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", RETRY_AFTER_SECONDS);
                write(ctx, 409, "another command changed account " + e.aggregateId()
                        + " at the same time, again after every retry; nothing was written; send the command again");
            }
            case DatabaseConnectionException e -> {
                LOG.warn("{} {}: database unreachable: {}", ctx.method(), ctx.path(), e.getMessage());
                LOG.debug("database unreachable", e);
                ctx.header("Retry-After", "5");
                write(ctx, 503, e.outcomeUnknown()
                        ? "the database cannot be reached: the connection broke while the command was being committed,"
                                + " so it may or may not have been written; read the account before sending it again"
                        : "the database cannot be reached; nothing was written; try again shortly");
            }
            case DeserializationException e -> unexpected(e, ctx);
            case UnexpectedException e -> unexpected(e, ctx);
            default -> unexpected(failure, ctx);
        }
    }

    private static void unexpected(Exception failure, Context ctx) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("{} {}: unexpected error {}", ctx.method(), ctx.path(), errorId, failure);
        write(ctx, 500, "an unexpected error occurred; it was logged with id " + errorId);
    }

    /**
     * Answers a path no route serves; runs for every 404 and leaves the routes' own problems alone.
     *
     * @param ctx the request
     */
    static void noRoute(Context ctx) {
        if (!isProblem(ctx)) {
            write(ctx, 404, "nothing is served at " + ctx.method() + " " + ctx.path()
                    + "; the service has POST /account/{id} and GET /account/{id}");
        }
    }

    /**
     * Answers a method a route does not take; runs for every 405.
     *
     * @param ctx the request
     */
    static void methodNotAllowed(Context ctx) {
        if (!isProblem(ctx)) {
            write(ctx, 405, ctx.method() + " is not allowed on " + ctx.path() + "; use GET to read an account"
                    + " and POST to send it a command");
        }
    }

    private static boolean isProblem(Context ctx) {
        String contentType = ctx.res().getContentType();
        return contentType != null && contentType.startsWith(CONTENT_TYPE);
    }

    /**
     * The detail of a problem for a request Jetty refused before any route ran.
     *
     * @param status the status Jetty chose
     * @param reason Jetty's reason, or null
     * @return what was wrong and what to send instead
     */
    static String refused(int status, String reason) {
        String what = reason == null || reason.isBlank() || reason.matches("(?s).*(Exception|\\b(org|java|com)\\.[a-z]).*")
                ? HttpStatus.forStatus(status).getMessage() : reason;
        String advice = switch (status) {
            case 400 -> "the request line or path is malformed; send GET or POST to /account/{id}, where the id is "
                    + AccountRoutes.ID_RULE;
            case 413 -> "a command is at most " + AccountRoutes.MAX_BODY_BYTES + " bytes (64 KiB)";
            case 414 -> "the URI is too long; an account id is at most 128 characters";
            case 431 -> "the request's headers are too large; send fewer or shorter headers";
            default -> "the request was refused before it reached the service";
        };
        return "HTTP " + status + " (" + what + "): " + advice;
    }

    /**
     * Writes a problem response.
     *
     * @param ctx the request
     * @param status the HTTP status
     * @param detail the reason, for the caller
     */
    static void write(Context ctx, int status, String detail) {
        ctx.status(status).contentType(CONTENT_TYPE).result(body(status, detail, ctx.path()));
    }

    private static byte[] body(int status, String detail, String instance) {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", "about:blank");
        problem.put("title", HttpStatus.forStatus(status).getMessage());
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem of plain strings and numbers must serialize", e);
        }
    }

    /**
     * Jetty's error pages as problems: what Jetty refuses before a route runs (an illegal
     * character or an encoded slash in the path, a URI or headers too large, a malformed request
     * line) is answered as {@code application/problem+json}, never as HTML. One for the server,
     * one for the servlet context, as Jetty asks each of them.
     */
    static final class ServerErrors extends org.eclipse.jetty.server.handler.ErrorHandler {

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            writeRefusal(response, code, message, callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
            return ByteBuffer.wrap(body(status, refused(status, reason), null));
        }
    }

    /** {@link ServerErrors} for the servlet context. */
    static final class ContextErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {

        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            writeRefusal(response, code, message, callback);
        }

        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                     List<Charset> charsets, int code, String message, Throwable cause) {
            writeRefusal(response, code, message, callback);
            return true;
        }
    }

    private static void writeRefusal(Response response, int code, String message, Callback callback) {
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(code, refused(code, message), null)), callback);
    }
}
