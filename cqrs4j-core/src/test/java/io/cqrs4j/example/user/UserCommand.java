// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.user;

/** What a client asks of a user, as raw input: the aggregate validates it into value objects. */
public sealed interface UserCommand {

    /**
     * Registers a user.
     *
     * @param userId the requested id, validated into a {@link UserId}
     * @param email the address, validated into an {@link Email}
     */
    record CreateUser(String userId, String email) implements UserCommand {
    }

    /** Deactivates the user. */
    record DeactivateUser() implements UserCommand {
    }
}
