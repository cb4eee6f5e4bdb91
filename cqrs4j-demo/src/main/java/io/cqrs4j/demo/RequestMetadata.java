// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.Metadata;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;

/**
 * The metadata stored beside every event of a request's command: {@code time} (RFC 3339, UTC),
 * {@code uri}, {@code User-Agent} and {@code client_ip}, and {@code correlation_id} from
 * {@code X-Request-Id} when the caller sent one.
 */
final class RequestMetadata {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final int MAX_REQUEST_ID_LENGTH = 200;

    private RequestMetadata() {
    }

    /**
     * The request's metadata.
     *
     * @param ctx the request
     * @param clock the clock that stamps {@code time}
     * @return the metadata
     * @throws InvalidRequestException (400) when {@code X-Request-Id} is not a short printable id
     */
    static Metadata of(Context ctx, Clock clock) {
        var values = new LinkedHashMap<String, String>();
        values.put(Metadata.TIME, clock.instant().toString());
        values.put(Metadata.URI, uri(ctx));
        String userAgent = ctx.header("User-Agent");
        if (userAgent != null) {
            values.put(Metadata.USER_AGENT, userAgent);
        }
        values.put(Metadata.CLIENT_IP, ctx.ip());
        String requestId = requestId(ctx);
        if (requestId != null) {
            values.put(Metadata.CORRELATION_ID, requestId);
        }
        return Metadata.of(values);
    }

    /**
     * The caller's {@code X-Request-Id}, checked.
     *
     * @param ctx the request
     * @return the id, or null when the header is absent
     * @throws InvalidRequestException (400) as {@link #checkedRequestId} says
     */
    static String requestId(Context ctx) {
        return checkedRequestId(ctx.header(REQUEST_ID_HEADER));
    }

    /**
     * Checks a request id: it is stored with every event, so it must be short printable ASCII.
     *
     * @param requestId the header's value, or null
     * @return the id, or null when it is null
     * @throws InvalidRequestException (400) when it is blank, longer than 200 characters, or holds
     *     a character outside printable ASCII (space to {@code ~})
     */
    static String checkedRequestId(String requestId) {
        if (requestId == null) {
            return null;
        }
        if (requestId.isBlank() || requestId.length() > MAX_REQUEST_ID_LENGTH) {
            throw InvalidRequestException.badRequest(REQUEST_ID_HEADER + " must be 1 to " + MAX_REQUEST_ID_LENGTH
                    + " characters but was " + requestId.length() + " characters long; send a short id or none");
        }
        for (int i = 0; i < requestId.length(); i++) {
            char c = requestId.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw InvalidRequestException.badRequest(REQUEST_ID_HEADER + " must be printable ASCII (space to ~) but has "
                        + String.format("U+%04X", (int) c) + " at position " + i + "; send an id such as req-42");
            }
        }
        return requestId;
    }

    private static String uri(Context ctx) {
        String query = ctx.queryString();
        return query == null ? ctx.path() : ctx.path() + "?" + query;
    }
}
