// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.user;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hand-written test double of {@link UserApi}: knows which addresses are taken, records every call. */
public final class MockUserApi implements UserApi {

    private final Set<Email> taken = ConcurrentHashMap.newKeySet();
    private final List<Email> lookups = new CopyOnWriteArrayList<>();

    /**
     * Makes {@code email} count as taken from now on.
     *
     * @param email the address
     * @return this double
     */
    public MockUserApi take(String email) {
        taken.add(new Email(email));
        return this;
    }

    /**
     * The addresses asked about so far.
     *
     * @return the lookups, oldest first
     */
    public List<Email> lookups() {
        return List.copyOf(lookups);
    }

    @Override
    public boolean isEmailTaken(Email email) {
        lookups.add(email);
        return taken.contains(email);
    }
}
