// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.user;

import io.cqrs4j.Aggregate;
import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.example.user.UserCommand.CreateUser;
import io.cqrs4j.example.user.UserCommand.DeactivateUser;
import io.cqrs4j.example.user.UserEvent.UserCreated;
import io.cqrs4j.example.user.UserEvent.UserDeactivated;
import java.util.List;

/**
 * The user aggregate of the article: {@code CreateUser} carries raw strings, validated here into
 * {@link UserId} and {@link Email}; an address another user has is refused.
 *
 * @param userId the id, null before the user is created
 * @param email the address, null before the user is created
 * @param status the status, null before the user is created
 */
public record User(UserId userId, Email email, UserStatus status)
        implements Aggregate<UserCommand, UserEvent, UserApi> {

    /**
     * A user before any event.
     *
     * @return the initial state
     */
    public static User initial() {
        return new User(null, null, null);
    }

    @Override
    public String aggregateType() {
        return "user";
    }

    @Override
    public List<UserEvent> handle(UserCommand command, UserApi api) {
        return switch (command) {
            case CreateUser c when status != null -> throw new CommandRejectedException(
                    "user " + userId + " already exists");
            case CreateUser c -> create(c, api);
            case DeactivateUser d when status == null -> throw new CommandRejectedException(
                    "user does not exist; send CreateUser first");
            case DeactivateUser d when status == UserStatus.DEACTIVATED -> throw new CommandRejectedException(
                    "user " + userId + " is already deactivated");
            case DeactivateUser d -> List.of(new UserDeactivated());
        };
    }

    private static List<UserEvent> create(CreateUser command, UserApi api) {
        UserId id;
        Email address;
        try {
            id = new UserId(command.userId());
            address = new Email(command.email());
        } catch (IllegalArgumentException invalid) {
            throw new CommandRejectedException(invalid.getMessage(), invalid);
        }
        if (api.isEmailTaken(address)) {
            throw new CommandRejectedException("email " + address + " is already taken; choose another address");
        }
        return List.of(new UserCreated(id, address, UserStatus.ACTIVE));
    }

    @Override
    public User apply(UserEvent event) {
        return switch (event) {
            case UserCreated e -> new User(e.userId(), e.email(), e.status());
            case UserDeactivated e -> new User(userId, email, UserStatus.DEACTIVATED);
        };
    }
}
