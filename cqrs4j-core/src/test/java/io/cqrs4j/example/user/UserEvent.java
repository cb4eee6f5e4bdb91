// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.user;

import io.cqrs4j.DomainEvent;

/** What happened to a user. */
public sealed interface UserEvent extends DomainEvent {

    /**
     * The user was registered.
     *
     * @param userId the id
     * @param email the address
     * @param status the status it starts with
     */
    record UserCreated(UserId userId, Email email, UserStatus status) implements UserEvent {
    }

    /** The user was deactivated. */
    record UserDeactivated() implements UserEvent {
    }
}
