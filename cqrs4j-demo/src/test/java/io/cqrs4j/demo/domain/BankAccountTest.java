// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.demo.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.OpenAccount;
import io.cqrs4j.demo.domain.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.WriteCheck;
import io.cqrs4j.demo.domain.BankAccountEvent.AccountOpened;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerWithdrewCash;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerWroteCheck;
import io.cqrs4j.testing.TestFramework;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BankAccountTest {

    private final RecordingBankAccountServices services = new RecordingBankAccountServices();
    private final TestFramework<BankAccount, BankAccountCommand, BankAccountEvent> account =
            TestFramework.with(BankAccount::initial, services);

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void opens_an_account() {
        account.givenNoPreviousEvents()

                .when(new OpenAccount("ACCT-1"))

                .thenExpectEvents(new AccountOpened("ACCT-1"));
    }

    @Test
    void an_opened_account_is_open_with_a_zero_balance() {
        account.givenNoPreviousEvents()

                .when(new OpenAccount("ACCT-1"))

                .thenExpectState(new BankAccount("ACCT-1", BigDecimal.ZERO, true));
    }

    @Test
    void rejects_opening_an_account_that_is_already_open() {
        account.given(new AccountOpened("ACCT-1"))

                .when(new OpenAccount("ACCT-1"))

                .thenExpectErrorMessage("account ACCT-1 is already open; open a new account with another id");
    }

    @Test
    void rejects_opening_an_account_with_a_blank_id() {
        account.givenNoPreviousEvents()

                .when(new OpenAccount(" "))

                .thenExpectErrorMessage("account_id must not be blank but was  ");
    }

    @Test
    void rejects_every_other_command_on_an_account_that_is_not_open_without_asking_any_service() {
        var unopened = account.givenNoPreviousEvents();

        var deposit = unopened.when(new DepositMoney(money("100")));
        var withdrawal = unopened.when(new WithdrawMoney(money("1"), "ATM-1"));
        var check = unopened.when(new WriteCheck("1170", money("1")));

        deposit.thenExpectErrorMessage("account is not open; send OpenAccount first");
        withdrawal.thenExpectErrorMessage("account is not open; send OpenAccount first");
        check.thenExpectErrorMessage("account is not open; send OpenAccount first");
        assertThat(services.calls()).isEmpty();
    }

    @Test
    void deposits_money_onto_the_balance() {
        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("200.00"), money("200.00")))

                .when(new DepositMoney(money("1000.0")))

                .thenExpectEvents(new CustomerDepositedMoney(money("1000.0"), money("1200.00")));
    }

    @Test
    void rejects_deposits_that_are_not_positive() {
        var opened = account.given(new AccountOpened("ACCT-1"));

        var zero = opened.when(new DepositMoney(money("0.00")));
        var negative = opened.when(new DepositMoney(money("-5")));

        zero.thenExpectErrorMessage("amount must be positive but was 0.00");
        negative.thenExpectErrorMessage("amount must be positive but was -5");
    }

    @Test
    void withdraws_cash_through_the_atm_network() {
        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("1000.0"), money("1000.0")))

                .when(new WithdrawMoney(money("400.0"), "ATM-N468290"))

                .thenExpectEvents(new CustomerWithdrewCash(money("400.0"), money("600.0")));
        assertThat(services.calls()).containsExactly("atmWithdrawal(ATM-N468290, 400.0)");
    }

    @Test
    void rejects_a_withdrawal_the_atm_refuses_as_an_atm_rule_violation() {
        services.refuseAtm("ATM-N468290");

        var result = account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("1000.0"), money("1000.0")))
                .when(new WithdrawMoney(money("400.0"), "ATM-N468290"));

        result.thenExpectErrorMessage("atm rule violation");
        assertThat(result.thenExpectError(CommandRejectedException.class))
                .hasCauseInstanceOf(BankAccountServices.AtmError.class);
    }

    @Test
    void rejects_a_withdrawal_larger_than_the_balance_without_asking_the_atm() {
        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("100.00"), money("100.00")))

                .when(new WithdrawMoney(money("100.01"), "ATM-1"))

                .thenExpectErrorMessage("funds not available");
        assertThat(services.calls()).isEmpty();
    }

    @Test
    void allows_withdrawing_the_whole_balance() {
        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("100.00"), money("100.00")))

                .when(new WithdrawMoney(money("100.00"), "ATM-1"))

                .thenExpectState(new BankAccount("ACCT-1", money("0.00"), true));
    }

    @Test
    void rejects_a_withdrawal_that_is_not_positive() {
        account.given(new AccountOpened("ACCT-1"))

                .when(new WithdrawMoney(money("-1"), "ATM-1"))

                .thenExpectErrorMessage("amount must be positive but was -1");
    }

    @Test
    void writes_a_check_the_clearing_house_validates() {
        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("600.0"), money("600.0")))

                .when(new WriteCheck("1170", money("256.28")))

                .thenExpectEvents(new CustomerWroteCheck("1170", money("256.28"), money("343.72")));
        assertThat(services.calls()).containsExactly("validateCheck(ACCT-1, 1170)");
    }

    @Test
    void rejects_a_check_the_clearing_house_refuses_as_check_invalid() {
        services.refuseCheck("1170");

        var result = account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("600.0"), money("600.0")))
                .when(new WriteCheck("1170", money("256.28")));

        result.thenExpectErrorMessage("check invalid");
        assertThat(result.thenExpectError(CommandRejectedException.class))
                .hasCauseInstanceOf(BankAccountServices.CheckingError.class);
    }

    @Test
    void rejects_a_check_larger_than_the_balance_without_asking_the_clearing_house() {
        account.given(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("100.00"), money("100.00")))

                .when(new WriteCheck("1170", money("300.00")))

                .thenExpectErrorMessage("funds not available");
        assertThat(services.calls()).isEmpty();
    }

    @Test
    void rejects_a_check_without_an_amount() {
        account.given(new AccountOpened("ACCT-1"))

                .when(new WriteCheck("1170", null))

                .thenExpectErrorMessage("amount must be positive but was null");
    }

    @Test
    void is_stored_under_the_aggregate_type_account_with_cqrs_demo_event_names() {
        BankAccount initial = BankAccount.initial();

        String type = initial.aggregateType();
        String eventType = new CustomerWroteCheck("1", BigDecimal.ONE, BigDecimal.ONE).eventType();

        assertThat(type).isEqualTo("account");
        assertThat(eventType).isEqualTo("CustomerWroteCheck");
    }
}
