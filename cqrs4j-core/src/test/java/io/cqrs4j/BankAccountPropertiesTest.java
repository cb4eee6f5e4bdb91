// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cqrs4j.example.bank.BankAccount;
import io.cqrs4j.example.bank.BankAccountCommand;
import io.cqrs4j.example.bank.BankAccountCommand.DepositMoney;
import io.cqrs4j.example.bank.BankAccountCommand.OpenAccount;
import io.cqrs4j.example.bank.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.example.bank.BankAccountCommand.WriteCheck;
import io.cqrs4j.example.bank.BankAccountEvent;
import io.cqrs4j.example.bank.BankAccountServices;
import io.cqrs4j.example.bank.MockBankAccountServices;
import io.cqrs4j.memory.InMemoryEventStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Properties of random command sequences on the bank account, run through {@link CqrsFramework}
 * on an {@link InMemoryEventStore}: folding the committed events from the initial state gives the
 * state the framework reports, the balance never goes negative, sequences are 1..n without gaps,
 * and a rejected command writes nothing.
 *
 * <p>Each sequence comes from its own seed, shown in the test's name and in every failure; set
 * {@code -Dcqrs4j.seed=<seed>} to run just that sequence again.
 */
class BankAccountPropertiesTest {

    private static final int SEQUENCES = 400;
    private static final int MAX_COMMANDS = 60;
    private static final List<String> ATMS = List.of("ATM-1", "ATM-2", "ATM-refusing");
    private static final List<String> CHECKS = List.of("1001", "1002", "1003", "stolen");

    @TestFactory
    Stream<DynamicTest> random_command_sequences_keep_the_invariants() {
        String fixed = System.getProperty("cqrs4j.seed");
        LongStream seeds = fixed != null
                ? LongStream.of(Long.parseLong(fixed))
                : new SplittableRandom().longs(SEQUENCES);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("sequence with seed " + seed, () -> check(seed)));
    }

    private static void check(long seed) {
        List<BankAccountCommand> commands = commands(new SplittableRandom(seed));
        try {
            run(commands);
        } catch (AssertionError failure) {
            fail("seed " + seed + ", commands " + commands + ": " + failure.getMessage(), failure);
        }
    }

    private static void run(List<BankAccountCommand> commands) {
        var store = InMemoryEventStore.<BankAccount, BankAccountEvent>create(BankAccount::initial);
        var services = new MockBankAccountServices().refuseAtm("ATM-refusing").refuseCheck("stolen");
        CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> cqrs = CqrsFramework.builder(store)
                .services((BankAccountServices) services).build();
        var returned = new ArrayList<BankAccountEvent>();
        long version = 0;
        for (BankAccountCommand command : commands) {
            try {
                CommandResult<BankAccountEvent> result = cqrs.execute("ACCT-1", command);
                assertThat(result.events()).extracting(EventEnvelope::sequence)
                        .as("sequences committed by %s", command)
                        .containsExactlyElementsOf(LongStream.rangeClosed(version + 1, result.version()).boxed().toList());
                result.events().forEach(event -> returned.add(event.payload()));
                version = result.version();
            } catch (CommandRejectedException rejected) {
                assertThat(store.loadEvents("ACCT-1")).as("events after rejecting %s", command).hasSize((int) version);
            }
            AggregateContext<BankAccount> loaded = cqrs.load("ACCT-1");
            assertThat(loaded.version()).as("version after %s", command).isEqualTo(version);
            assertThat(loaded.aggregate().balance().signum()).as("sign of the balance after %s", command)
                    .isGreaterThanOrEqualTo(0);
        }
        List<EventEnvelope<BankAccountEvent>> stored = store.loadEvents("ACCT-1");
        assertThat(stored).extracting(EventEnvelope::sequence).as("stored sequences")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, version).boxed().toList());
        assertThat(stored).extracting(EventEnvelope::payload).as("stored events versus those execute returned")
                .containsExactlyElementsOf(returned);
        BankAccount folded = BankAccount.initial();
        for (EventEnvelope<BankAccountEvent> event : stored) {
            folded = folded.apply(event.payload());
        }
        assertThat(cqrs.load("ACCT-1").aggregate()).as("state the framework reports").isEqualTo(folded);
    }

    private static List<BankAccountCommand> commands(SplittableRandom random) {
        int count = random.nextInt(1, MAX_COMMANDS + 1);
        var commands = new ArrayList<BankAccountCommand>(count);
        for (int i = 0; i < count; i++) {
            commands.add(command(random));
        }
        return commands;
    }

    private static BankAccountCommand command(SplittableRandom random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return new OpenAccount("ACCT-1");
        }
        if (kind <= 3) {
            return new DepositMoney(amount(random));
        }
        if (kind <= 6) {
            return new WithdrawMoney(amount(random), ATMS.get(random.nextInt(ATMS.size())));
        }
        return new WriteCheck(CHECKS.get(random.nextInt(CHECKS.size())), amount(random));
    }

    /** Mostly positive amounts with cents, sometimes zero or negative. */
    private static BigDecimal amount(SplittableRandom random) {
        return BigDecimal.valueOf(random.nextLong(-2_000, 50_000), 2);
    }
}
