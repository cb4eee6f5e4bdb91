// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.benchmarks.domain.BankAccountCommand;

/**
 * One way of executing a bank-account command: through the framework, or raw SQL / raw memory
 * doing the same work by hand. Thread-safe.
 */
interface Workload {

    /**
     * One attempt at a command.
     *
     * @param accountId the account
     * @param command a deposit or a withdrawal
     * @throws io.cqrs4j.AggregateConflictException when a concurrent command won (the caller retries)
     * @throws io.cqrs4j.CommandRejectedException when the domain rejects the command
     */
    void execute(String accountId, BankAccountCommand command);

    /**
     * A line about the store after the run, such as the events per account reached; empty for none.
     *
     * @return the note
     */
    default String note() {
        return "";
    }
}
