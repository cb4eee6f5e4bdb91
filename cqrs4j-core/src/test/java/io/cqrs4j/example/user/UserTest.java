// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.example.user.UserCommand.CreateUser;
import io.cqrs4j.example.user.UserCommand.DeactivateUser;
import io.cqrs4j.example.user.UserEvent.UserCreated;
import io.cqrs4j.example.user.UserEvent.UserDeactivated;
import io.cqrs4j.testing.TestFramework;
import org.junit.jupiter.api.Test;

class UserTest {

    private final MockUserApi api = new MockUserApi();
    private final TestFramework<User, UserCommand, UserEvent> users = TestFramework.with(User::initial, api);

    private static UserCreated created() {
        return new UserCreated(new UserId("Xxx"), new Email("xxx@ymgyt.io"), UserStatus.ACTIVE);
    }

    @Test
    void creates_a_user_from_valid_input() {
        users.givenNoPreviousEvents()

                .when(new CreateUser("Xxx", "xxx@ymgyt.io"))

                .thenExpectEvents(created());
        assertThat(api.lookups()).containsExactly(new Email("xxx@ymgyt.io"));
    }

    @Test
    void a_created_user_is_active() {
        users.givenNoPreviousEvents()

                .when(new CreateUser("Xxx", "xxx@ymgyt.io"))

                .thenExpectState(new User(new UserId("Xxx"), new Email("xxx@ymgyt.io"), UserStatus.ACTIVE));
    }

    @Test
    void rejects_an_invalid_email_naming_it_without_asking_the_directory() {
        var result = users.givenNoPreviousEvents()

                .when(new CreateUser("Xxx", "not-an-address"));

        result.thenExpectErrorMessage("email 'not-an-address' is invalid: expected an address like name@example.com");
        assertThat(result.thenExpectError(CommandRejectedException.class))
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(api.lookups()).isEmpty();
    }

    @Test
    void rejects_an_invalid_user_id_naming_it() {
        users.givenNoPreviousEvents()

                .when(new CreateUser("X x", "xxx@ymgyt.io"))

                .thenExpectErrorMessage("user id 'X x' is invalid: expected 1 to 64 letters, digits, '-' or '_'");
    }

    @Test
    void rejects_a_missing_user_id() {
        users.givenNoPreviousEvents()

                .when(new CreateUser(null, "xxx@ymgyt.io"))

                .thenExpectErrorMessage("user id null is invalid: expected 1 to 64 letters, digits, '-' or '_'");
    }

    @Test
    void rejects_an_email_another_user_has() {
        api.take("xxx@ymgyt.io");

        users.givenNoPreviousEvents()

                .when(new CreateUser("Xxx", "xxx@ymgyt.io"))

                .thenExpectErrorMessage("email xxx@ymgyt.io is already taken; choose another address");
    }

    @Test
    void rejects_creating_a_user_twice() {
        users.given(created())

                .when(new CreateUser("Xxx", "other@ymgyt.io"))

                .thenExpectErrorMessage("user Xxx already exists");
        assertThat(api.lookups()).isEmpty();
    }

    @Test
    void deactivates_a_user() {
        users.given(created())

                .when(new DeactivateUser())

                .thenExpectEvents(new UserDeactivated());
    }

    @Test
    void a_deactivated_user_keeps_its_id_and_email() {
        users.given(created())

                .when(new DeactivateUser())

                .thenExpectState(new User(new UserId("Xxx"), new Email("xxx@ymgyt.io"), UserStatus.DEACTIVATED));
    }

    @Test
    void rejects_deactivating_a_user_that_does_not_exist() {
        users.givenNoPreviousEvents()

                .when(new DeactivateUser())

                .thenExpectErrorMessage("user does not exist; send CreateUser first");
    }

    @Test
    void rejects_deactivating_a_user_twice() {
        users.given(created()).and(new UserDeactivated())

                .when(new DeactivateUser())

                .thenExpectErrorMessage("user Xxx is already deactivated");
    }
}
