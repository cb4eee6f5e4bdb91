// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.CommandResult;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.Metadata;
import io.cqrs4j.demo.domain.BankAccount;
import io.cqrs4j.demo.domain.BankAccountCommand;
import io.cqrs4j.demo.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.OpenAccount;
import io.cqrs4j.demo.domain.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.WriteCheck;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.demo.domain.BankAccountView;
import io.cqrs4j.persist.StoredView;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * cqrs-demo's two routes: {@code POST /account/{id}} executes a command and answers 204 with the
 * new version as {@code ETag}; {@code GET /account/{id}} answers the account's view or 404.
 * {@code GET /account/{id}?min_version=N} reads your writes: it waits up to
 * {@link #READ_YOUR_WRITES_WAIT} for the view to hold version N (the {@code ETag} of a POST), and
 * answers 504 with a problem and {@code Retry-After} when it did not get there.
 *
 * <p>Bad input never reaches the framework: an id outside {@link #ID_RULE}, a query a route does
 * not take, a body over {@link #MAX_BODY_BYTES} (413), a body not sent as one
 * {@code Content-Type: application/json} in UTF-8 without {@code Content-Encoding} (415), or one
 * {@link CommandParser} refuses (400), each answered by a problem that names what and where.
 */
final class AccountRoutes {

    static final int MAX_BODY_BYTES = 64 * 1024;
    /** A body up to this size is read to its end before its 413; a larger one's connection is closed. */
    static final int DRAINED_BYTES = 1024 * 1024;
    /** The longest a {@code min_version} query waits for the view. */
    static final Duration READ_YOUR_WRITES_WAIT = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final String MIN_VERSION = "min_version";
    private static final String JSON = "application/json";
    private static final Pattern MALFORMED_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final String ID_RULE = "1 to 128 characters of A-Z a-z 0-9 . _ : -";

    private final CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> cqrs;
    private final AccountViewQuery accountView;
    private final AccountLocks locks = new AccountLocks();
    private final Clock clock;

    AccountRoutes(CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> cqrs,
                  AccountViewQuery accountView, Clock clock) {
        this.cqrs = cqrs;
        this.accountView = accountView;
        this.clock = clock;
    }

    void command(Context ctx) throws IOException {
        String accountId = accountId(ctx);
        echoRequestId(ctx);
        if (ctx.queryString() != null) {
            throw InvalidRequestException.badRequest("POST /account/{id} takes no query parameters but got '"
                    + excerpt(ctx.queryString()) + "'; send the command in the body alone");
        }
        byte[] body = readBody(ctx);
        requireOneJsonType(Collections.list(ctx.req().getHeaders("Content-Type")), ctx.header("Content-Encoding"));
        BankAccountCommand command = CommandParser.parse(body);
        if (command instanceof OpenAccount open && !open.accountId().equals(accountId)) {
            throw InvalidRequestException.badRequest("OpenAccount.account_id '" + excerpt(open.accountId())
                    + "' differs from the account id in the path '" + accountId + "'; send the same id in both");
        }
        Metadata metadata = RequestMetadata.of(ctx, clock);
        CommandResult<BankAccountEvent> result;
        try {
            result = locks.withLock(accountId, () -> cqrs.execute(accountId, command, metadata));
        } catch (CommandRejectedException e) {
            throw InvalidRequestException.badRequest("account " + accountId + " refused " + describe(command) + ": " + e.getMessage()
                    + (e.getCause() == null || e.getCause().getMessage() == null ? "" : " (" + e.getCause().getMessage() + ")"));
        }
        ctx.header("ETag", "\"" + result.version() + "\"").status(204);
        ctx.res().setContentType(null);
    }

    void query(Context ctx) throws IOException {
        String accountId = accountId(ctx);
        echoRequestId(ctx);
        String query = ctx.queryString();
        if (query != null && MALFORMED_ESCAPE.matcher(query).find()) {
            throw InvalidRequestException.badRequest("the query string '" + excerpt(query) + "' has a '%' that is not followed"
                    + " by two hexadecimal digits; GET /account/{id} takes only " + MIN_VERSION + "=N");
        }
        for (String parameter : ctx.queryParamMap().keySet()) {
            if (!parameter.equals(MIN_VERSION)) {
                throw InvalidRequestException.badRequest("unknown query parameter '" + excerpt(parameter)
                        + "'; GET /account/{id} takes only " + MIN_VERSION);
            }
        }
        if (ctx.queryParams(MIN_VERSION).size() > 1) {
            throw InvalidRequestException.badRequest(MIN_VERSION + " is given " + ctx.queryParams(MIN_VERSION).size()
                    + " times; give it once, as ?" + MIN_VERSION + "=N with N the ETag of a POST");
        }
        String minVersion = ctx.queryParam(MIN_VERSION);
        if (minVersion != null) {
            queryAtLeast(ctx, accountId, minVersion(minVersion));
            return;
        }
        BankAccountView view = accountView.load(accountId).orElseThrow(() -> new InvalidRequestException(404,
                "account " + accountId + " does not exist; open it with POST /account/" + accountId
                        + " {\"OpenAccount\":{\"account_id\":\"" + accountId + "\"}}"));
        ctx.contentType("application/json").result(Json.MAPPER.writeValueAsBytes(view));
    }

    private void queryAtLeast(Context ctx, String accountId, long minVersion) throws IOException {
        long deadline = System.nanoTime() + READ_YOUR_WRITES_WAIT.toNanos();
        Optional<StoredView<BankAccountView>> stored = accountView.loadWithVersion(accountId);
        while (stored.isEmpty() || stored.get().context().version() < minVersion) {
            if (System.nanoTime() >= deadline) {
                ctx.header("Retry-After", "1");
                Problems.write(ctx, 504, "the view of account " + accountId + " is at version "
                        + stored.map(s -> Long.toString(s.context().version())).orElse("0 (none stored)")
                        + ", not yet at min_version " + minVersion + ", after waiting " + READ_YOUR_WRITES_WAIT.toSeconds()
                        + " s; the projection is behind (or the account has no such version): try again later");
                return;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the view of account " + accountId, e);
            }
            stored = accountView.loadWithVersion(accountId);
        }
        ctx.header("ETag", "\"" + stored.get().context().version() + "\"");
        ctx.contentType("application/json").result(Json.MAPPER.writeValueAsBytes(stored.get().view()));
    }

    private static long minVersion(String value) {
        try {
            long version = Long.parseLong(value);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidRequestException.badRequest(MIN_VERSION + " must be a whole number from 1 (the ETag of a POST)"
                + " but was '" + excerpt(value) + "'");
    }

    void missingId(Context ctx) {
        throw InvalidRequestException.badRequest("the account id is missing: use /account/{id}, where the id is " + ID_RULE);
    }

    private static String accountId(Context ctx) {
        String accountId = ctx.pathParam("id");
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw InvalidRequestException.badRequest("account id '" + excerpt(accountId) + "' ("
                    + accountId.length() + " characters) is not valid: it must be " + ID_RULE);
        }
        return accountId;
    }

    private static void echoRequestId(Context ctx) {
        String requestId = RequestMetadata.requestId(ctx);
        if (requestId != null) {
            ctx.header(RequestMetadata.REQUEST_ID_HEADER, requestId);
        }
    }

    private static byte[] readBody(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        InputStream in = ctx.req().getInputStream();
        if (declared > MAX_BODY_BYTES) {
            if (declared <= DRAINED_BYTES) {
                discard(in, declared);
            }
            throw tooLarge(declared + " bytes");
        }
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            discard(in, DRAINED_BYTES - body.length);
            throw tooLarge("more than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    /**
     * Reads and drops at most {@code atMost} more bytes of a body that is too large, so that a
     * client still sending it reads the 413 instead of a connection reset (seen under load when the
     * server answered and closed with the body unread); beyond {@link #DRAINED_BYTES} the
     * connection is closed instead.
     */
    private static void discard(InputStream in, long atMost) throws IOException {
        byte[] buffer = new byte[8192];
        long left = atMost;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
            left -= read;
        }
    }

    /**
     * Refuses a command body whose type is given twice or that is compressed, then as {@link #requireJson}.
     *
     * @param contentTypes every Content-Type header
     * @param contentEncoding the Content-Encoding header, or null
     * @throws InvalidRequestException (400) for two types, (415) for an encoding or another type
     */
    static void requireOneJsonType(List<String> contentTypes, String contentEncoding) {
        if (contentTypes.size() > 1) {
            throw InvalidRequestException.badRequest("Content-Type is given " + contentTypes.size() + " times ("
                    + excerpt(String.join(", ", contentTypes)) + "); send it once: Content-Type: " + JSON);
        }
        if (contentEncoding != null && !contentEncoding.strip().equalsIgnoreCase("identity")) {
            throw new InvalidRequestException(415, "the body is sent with Content-Encoding '" + excerpt(contentEncoding)
                    + "', which the service does not decode; send the JSON uncompressed, without Content-Encoding");
        }
        requireJson(contentTypes.isEmpty() ? null : contentTypes.getFirst());
    }

    /**
     * Refuses a command body that is not declared as UTF-8 JSON, as cqrs-demo does.
     *
     * @param contentType the Content-Type header, or null
     * @throws InvalidRequestException (415) naming the type that was sent
     */
    static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new InvalidRequestException(415, "the Content-Type header is missing; send the command as "
                    + JSON + " with Content-Type: " + JSON);
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase(JSON)) {
            throw new InvalidRequestException(415, "the Content-Type is '" + excerpt(contentType) + "'; send the command as "
                    + JSON + " with Content-Type: " + JSON);
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].strip().split("=", 2);
            String value = parameter.length < 2 ? "" : parameter[1].strip().replace("\"", "");
            if (parameter[0].equalsIgnoreCase("charset") && !value.equalsIgnoreCase("utf-8")) {
                throw new InvalidRequestException(415, "the Content-Type's charset is '" + excerpt(value)
                        + "'; a command is JSON in UTF-8: send Content-Type: " + JSON + " or " + JSON + "; charset=utf-8");
            }
        }
    }

    private static InvalidRequestException tooLarge(String size) {
        return new InvalidRequestException(413, "the body is " + size + "; a command is at most "
                + MAX_BODY_BYTES + " bytes (64 KiB)");
    }

    private static String describe(BankAccountCommand command) {
        return switch (command) {
            case OpenAccount o -> "OpenAccount";
            case DepositMoney d -> "DepositMoney of " + d.amount().toPlainString();
            case WithdrawMoney w -> "WithdrawMoney of " + w.amount().toPlainString();
            case WriteCheck c -> "WriteCheck " + excerpt(c.checkNumber()) + " of " + c.amount().toPlainString();
        };
    }

    private static String excerpt(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
