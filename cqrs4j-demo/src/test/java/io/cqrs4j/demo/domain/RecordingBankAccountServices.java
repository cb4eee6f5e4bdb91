// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written test double of {@link BankAccountServices}: approves everything except the ATMs
 * and check numbers it was told to refuse, and records every call. Thread-safe.
 */
public final class RecordingBankAccountServices implements BankAccountServices {

    private final Set<String> refusedAtms = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedChecks = ConcurrentHashMap.newKeySet();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /**
     * Refuses every withdrawal at {@code atmId} from now on.
     *
     * @param atmId the ATM
     * @return this double
     */
    public RecordingBankAccountServices refuseAtm(String atmId) {
        refusedAtms.add(atmId);
        return this;
    }

    /**
     * Refuses check {@code checkNumber} from now on.
     *
     * @param checkNumber the check's number
     * @return this double
     */
    public RecordingBankAccountServices refuseCheck(String checkNumber) {
        refusedChecks.add(checkNumber);
        return this;
    }

    /**
     * The calls received so far, such as {@code atmWithdrawal(ATM-1, 40)}.
     *
     * @return the calls, oldest first
     */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void atmWithdrawal(String atmId, BigDecimal amount) throws AtmError {
        calls.add("atmWithdrawal(" + atmId + ", " + amount + ")");
        if (refusedAtms.contains(atmId)) {
            throw new AtmError("ATM " + atmId + " is out of cash");
        }
    }

    @Override
    public void validateCheck(String accountId, String checkNumber) throws CheckingError {
        calls.add("validateCheck(" + accountId + ", " + checkNumber + ")");
        if (refusedChecks.contains(checkNumber)) {
            throw new CheckingError("check " + checkNumber + " was reported stolen");
        }
    }
}
