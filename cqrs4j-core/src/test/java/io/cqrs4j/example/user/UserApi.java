// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.user;

/** The user directory the user aggregate consults (the article's {@code UserApi}). */
public interface UserApi {

    /**
     * Whether another user already registered this address.
     *
     * @param email the address
     * @return true when taken
     */
    boolean isEmailTaken(Email email);
}
