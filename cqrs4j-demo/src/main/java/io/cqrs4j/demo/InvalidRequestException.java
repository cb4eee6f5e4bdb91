// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

/**
 * The request itself is wrong (its id, its body, its size): answered with {@code status} and
 * {@code detail} as a problem, before any command reaches the framework.
 */
final class InvalidRequestException extends RuntimeException {

    private final int status;

    /**
     * A rejected request.
     *
     * @param status the HTTP status, 4xx
     * @param detail what is wrong and what to send instead
     */
    InvalidRequestException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    /**
     * A 400 Bad Request.
     *
     * @param detail what is wrong and what to send instead
     * @return the exception
     */
    static InvalidRequestException badRequest(String detail) {
        return new InvalidRequestException(400, detail);
    }

    int status() {
        return status;
    }
}
