// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.CqrsException;
import io.cqrs4j.example.bank.BankAccount;
import io.cqrs4j.example.bank.BankAccountCommand;
import io.cqrs4j.example.bank.BankAccountCommand.DepositMoney;
import io.cqrs4j.example.bank.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.example.bank.BankAccountEvent;
import io.cqrs4j.example.bank.BankAccountServices;
import io.cqrs4j.example.bank.BankAccountEvent.AccountOpened;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerWithdrewCash;
import io.cqrs4j.example.bank.MockBankAccountServices;
import io.cqrs4j.testing.AggregateResultValidator.Result;
import io.cqrs4j.testing.Basket.Add;
import io.cqrs4j.testing.Basket.ItemAdded;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestFrameworkTest {

    private static final BigDecimal TEN = new BigDecimal("10");
    private static final BigDecimal FIVE = new BigDecimal("5");

    private final TestFramework<BankAccount, BankAccountCommand, BankAccountEvent> account =
            TestFramework.with(BankAccount::initial, new MockBankAccountServices());
    private final TestFramework<Basket, Add, ItemAdded> basket = TestFramework.with(Basket::empty, null);

    /** Deposits 10 into an opened account: succeeds with one event. */
    private AggregateResultValidator<BankAccount, BankAccountEvent> depositOfTen() {
        return account.given(new AccountOpened("ACCT-1")).when(new DepositMoney(TEN));
    }

    /** Withdraws 10 from an empty account: rejected with "funds not available". */
    private AggregateResultValidator<BankAccount, BankAccountEvent> overdraft() {
        return account.given(new AccountOpened("ACCT-1")).when(new WithdrawMoney(TEN, "ATM-1"));
    }

    @Test
    void then_expect_events_passes_on_the_exact_events() {
        var result = depositOfTen();

        result.thenExpectEvents(new CustomerDepositedMoney(TEN, TEN));
    }

    @Test
    void then_expect_events_fails_on_other_events_showing_both() {
        var result = depositOfTen();

        assertThatThrownBy(() -> result.thenExpectEvents(new CustomerDepositedMoney(FIVE, FIVE)))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected events [CustomerDepositedMoney[amount=5, balance=5]]"
                        + " but got [CustomerDepositedMoney[amount=10, balance=10]]");
    }

    @Test
    void then_expect_events_fails_on_the_same_events_in_another_order() {
        var result = basket.givenNoPreviousEvents().when(new Add(List.of("apple", "pear")));

        assertThatThrownBy(() -> result.thenExpectEvents(new ItemAdded("pear"), new ItemAdded("apple")))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected events [ItemAdded[item=pear], ItemAdded[item=apple]]"
                        + " but got [ItemAdded[item=apple], ItemAdded[item=pear]]");
    }

    @Test
    void then_expect_events_fails_when_the_command_was_rejected_showing_the_error() {
        var result = overdraft();

        assertThatThrownBy(() -> result.thenExpectEvents(new CustomerWithdrewCash(TEN, BigDecimal.ZERO)))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected events [CustomerWithdrewCash[amount=10, balance=0]] but the command failed"
                        + " with io.cqrs4j.CommandRejectedException: funds not available")
                .hasCauseInstanceOf(CommandRejectedException.class);
    }

    @Test
    void then_expect_events_with_no_arguments_expects_no_events() {
        var nothing = basket.givenNoPreviousEvents().when(new Add(List.of()));
        var something = basket.givenNoPreviousEvents().when(new Add(List.of("apple")));

        nothing.thenExpectEvents();
        assertThatThrownBy(something::thenExpectEvents)
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected events [] but got [ItemAdded[item=apple]]");
    }

    @Test
    void then_expect_events_matching_passes_on_a_subset_in_any_order() {
        var result = basket.givenNoPreviousEvents().when(new Add(List.of("apple", "pear", "plum")));

        result.thenExpectEventsMatching(new ItemAdded("plum"), new ItemAdded("apple"));
    }

    @Test
    void then_expect_events_matching_fails_on_a_missing_event_naming_it_and_the_actual_events() {
        var result = basket.givenNoPreviousEvents().when(new Add(List.of("apple", "pear")));

        assertThatThrownBy(() -> result.thenExpectEventsMatching(new ItemAdded("pear"), new ItemAdded("kiwi")))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected events including [ItemAdded[item=pear], ItemAdded[item=kiwi]]"
                        + " but [ItemAdded[item=kiwi]] missing from [ItemAdded[item=apple], ItemAdded[item=pear]]");
    }

    @Test
    void then_expect_events_matching_counts_an_event_expected_twice() {
        var once = basket.givenNoPreviousEvents().when(new Add(List.of("apple", "pear")));
        var twice = basket.givenNoPreviousEvents().when(new Add(List.of("apple", "pear", "apple")));

        twice.thenExpectEventsMatching(new ItemAdded("apple"), new ItemAdded("apple"));
        assertThatThrownBy(() -> once.thenExpectEventsMatching(new ItemAdded("apple"), new ItemAdded("apple")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but [ItemAdded[item=apple]] missing from");
    }

    @Test
    void then_expect_events_matching_fails_when_the_command_was_rejected() {
        var result = basket.givenNoPreviousEvents().when(new Add(List.of("")));

        assertThatThrownBy(() -> result.thenExpectEventsMatching(new ItemAdded("")))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected events including [ItemAdded[item=]] but the command failed"
                        + " with io.cqrs4j.CommandRejectedException: item names must not be empty");
    }

    @Test
    void then_expect_error_of_an_instance_passes_on_the_same_type_and_message() {
        var result = overdraft();

        result.thenExpectError(new CommandRejectedException("funds not available"));
    }

    @Test
    void then_expect_error_of_an_instance_fails_on_another_message_showing_both() {
        var result = overdraft();

        assertThatThrownBy(() -> result.thenExpectError(new CommandRejectedException("check invalid")))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected error io.cqrs4j.CommandRejectedException: check invalid"
                        + " but got io.cqrs4j.CommandRejectedException: funds not available");
    }

    @Test
    void then_expect_error_of_an_instance_fails_on_another_type_with_the_same_message() {
        var result = overdraft();

        assertThatThrownBy(() -> result.thenExpectError(new IllegalStateException("funds not available")))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected error java.lang.IllegalStateException: funds not available"
                        + " but got io.cqrs4j.CommandRejectedException: funds not available");
    }

    @Test
    void then_expect_error_of_an_instance_fails_when_the_command_succeeded_showing_the_events() {
        var result = depositOfTen();

        assertThatThrownBy(() -> result.thenExpectError(new CommandRejectedException("funds not available")))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected io.cqrs4j.CommandRejectedException: funds not available but the command"
                        + " succeeded with events [CustomerDepositedMoney[amount=10, balance=10]]");
    }

    @Test
    void then_expect_error_of_a_type_passes_on_that_type_and_returns_the_error() {
        var result = overdraft();

        CommandRejectedException error = result.thenExpectError(CommandRejectedException.class);

        assertThat(error).hasMessage("funds not available");
    }

    @Test
    void then_expect_error_of_a_type_passes_on_a_subtype() {
        var result = overdraft();

        CqrsException error = result.thenExpectError(CqrsException.class);

        assertThat(error).isInstanceOf(CommandRejectedException.class);
    }

    @Test
    void then_expect_error_of_a_type_fails_on_another_type_showing_both() {
        var result = overdraft();

        assertThatThrownBy(() -> result.thenExpectError(IllegalStateException.class))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected an error of type java.lang.IllegalStateException"
                        + " but got io.cqrs4j.CommandRejectedException: funds not available")
                .hasCauseInstanceOf(CommandRejectedException.class);
    }

    @Test
    void then_expect_error_of_a_type_fails_when_the_command_succeeded() {
        var result = depositOfTen();

        assertThatThrownBy(() -> result.thenExpectError(CommandRejectedException.class))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected an error of type io.cqrs4j.CommandRejectedException but the command"
                        + " succeeded with events [CustomerDepositedMoney[amount=10, balance=10]]");
    }

    @Test
    void then_expect_error_message_passes_on_the_exact_message() {
        var result = overdraft();

        result.thenExpectErrorMessage("funds not available");
    }

    @Test
    void then_expect_error_message_fails_on_another_message_showing_both_and_the_type() {
        var result = overdraft();

        assertThatThrownBy(() -> result.thenExpectErrorMessage("funds not"))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected error message \"funds not\" but got \"funds not available\""
                        + " (io.cqrs4j.CommandRejectedException)");
    }

    @Test
    void then_expect_error_message_fails_when_the_command_succeeded() {
        var result = depositOfTen();

        assertThatThrownBy(() -> result.thenExpectErrorMessage("funds not available"))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected error message \"funds not available\" but the command succeeded"
                        + " with events [CustomerDepositedMoney[amount=10, balance=10]]");
    }

    @Test
    void then_expect_state_passes_on_the_state_after_the_new_events() {
        var result = depositOfTen();

        result.thenExpectState(new BankAccount("ACCT-1", TEN, true));
    }

    @Test
    void then_expect_state_fails_on_another_state_showing_both() {
        var result = depositOfTen();

        assertThatThrownBy(() -> result.thenExpectState(new BankAccount("ACCT-1", FIVE, true)))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected state BankAccount[accountId=ACCT-1, balance=5, open=true]"
                        + " but got BankAccount[accountId=ACCT-1, balance=10, open=true]");
    }

    @Test
    void then_expect_state_fails_when_the_command_was_rejected() {
        var result = overdraft();

        assertThatThrownBy(() -> result.thenExpectState(new BankAccount("ACCT-1", BigDecimal.ZERO, true)))

                .isInstanceOf(AssertionError.class)
                .hasMessage("expected state BankAccount[accountId=ACCT-1, balance=0, open=true] but the command"
                        + " failed with io.cqrs4j.CommandRejectedException: funds not available");
    }

    @Test
    void inspect_result_gives_the_events_of_a_command_that_succeeded() {
        var result = depositOfTen();

        Result<BankAccountEvent> outcome = result.inspectResult();

        assertThat(outcome).isEqualTo(new Result.Events<>(List.of(new CustomerDepositedMoney(TEN, TEN))));
    }

    @Test
    void inspect_result_gives_the_error_of_a_command_that_failed() {
        var result = overdraft();

        Result<BankAccountEvent> outcome = result.inspectResult();

        assertThat(outcome).isInstanceOfSatisfying(Result.Error.class,
                error -> assertThat(error.error()).isInstanceOf(CommandRejectedException.class)
                        .hasMessage("funds not available"));
    }

    @Test
    void and_adds_history_after_the_given_events() {
        var executor = account.given(new AccountOpened("ACCT-1")).and(new CustomerDepositedMoney(TEN, TEN));

        var result = executor.when(new WithdrawMoney(TEN, "ATM-1"));

        result.thenExpectEvents(new CustomerWithdrewCash(TEN, BigDecimal.ZERO));
    }

    @Test
    void given_accepts_the_history_as_a_list() {
        List<BankAccountEvent> history = List.of(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(TEN, TEN));

        var result = account.given(history).when(new DepositMoney(FIVE));

        result.thenExpectState(new BankAccount("ACCT-1", new BigDecimal("15"), true));
    }

    @Test
    void each_when_starts_again_from_the_history() {
        var executor = account.given(new AccountOpened("ACCT-1"));

        var first = executor.when(new DepositMoney(TEN));
        var second = executor.when(new DepositMoney(TEN));

        first.thenExpectEvents(new CustomerDepositedMoney(TEN, TEN));
        second.thenExpectEvents(new CustomerDepositedMoney(TEN, TEN));
    }

    @Test
    void and_leaves_the_executor_it_was_called_on_unchanged() {
        var opened = account.given(new AccountOpened("ACCT-1"));

        opened.and(new CustomerDepositedMoney(TEN, TEN));

        opened.when(new WithdrawMoney(TEN, "ATM-1")).thenExpectErrorMessage("funds not available");
    }

    @Test
    void when_captures_an_unexpected_exception_from_the_services_as_the_outcome() {
        var broken = TestFramework.<BankAccount, BankAccountCommand, BankAccountEvent, BankAccountServices>with(
                BankAccount::initial, null);

        var result = broken.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(TEN, TEN))
                .when(new WithdrawMoney(FIVE, "ATM-1"));

        result.thenExpectError(NullPointerException.class);
    }
}
