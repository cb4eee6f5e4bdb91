// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.demo.domain.BankAccountCommand;
import io.cqrs4j.demo.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.OpenAccount;
import io.cqrs4j.demo.domain.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.WriteCheck;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandParserTest {

    private static BankAccountCommand parse(String json) {
        return CommandParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_the_four_cqrs_demo_bodies() {
        var open = parse("{\"OpenAccount\":{\"account_id\":\"ACCT-1\"}}");
        var deposit = parse("{\"DepositMoney\":{\"amount\":1000.0}}");
        var withdrawal = parse("{\"WithdrawMoney\":{\"amount\":400.0,\"atm_id\":\"ATM-N468290\"}}");
        var check = parse("{\"WriteCheck\":{\"check_number\":\"1170\",\"amount\":256.28}}");

        assertThat(open).isEqualTo(new OpenAccount("ACCT-1"));
        assertThat(deposit).isEqualTo(new DepositMoney(new BigDecimal("1000.0")));
        assertThat(withdrawal).isEqualTo(new WithdrawMoney(new BigDecimal("400.0"), "ATM-N468290"));
        assertThat(check).isEqualTo(new WriteCheck("1170", new BigDecimal("256.28")));
    }

    @Test
    void keeps_amounts_exact_including_whole_numbers() {
        var deposit = parse("{\"DepositMoney\":{\"amount\":0.1}}");
        var whole = parse("{\"DepositMoney\":{\"amount\":7}}");

        assertThat(deposit).isEqualTo(new DepositMoney(new BigDecimal("0.1")));
        assertThat(whole).isEqualTo(new DepositMoney(new BigDecimal("7")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                                  | the body is empty",
            "[]                                                  | the body must be a JSON object with exactly one command name as its key, such as {\"DepositMoney\":{\"amount\":1000.0}}, but was an array",
            "{}                                                  | but was an empty object",
            "{\"DepositMoney\":{\"amount\":1},\"OpenAccount\":{}} | but was an object with 2 keys",
            "{\"DepositMoney\":{\"amount\":1}} {}                | the body is not valid JSON",
            "{\"DepositMoney\":{\"amount\":1,\"amount\":2}}      | the body is not valid JSON: Duplicate field 'amount'",
            "{\"DepositMoney\":[1]}                              | DepositMoney must hold an object of fields but held an array",
            "{\"DepositMoney\":{}}                               | DepositMoney.amount is missing; DepositMoney needs {\"amount\":1000.0}",
            "{\"DepositMoney\":{\"amount\":null}}                | DepositMoney.amount must be a number such as 100.0 but was null",
            "{\"DepositMoney\":{\"amount\":true}}                | DepositMoney.amount must be a number such as 100.0 but was the boolean true",
            "{\"DepositMoney\":{\"amount\":1e400}}               | DepositMoney.amount must have at most 18 digits before the decimal point and 10 after it",
            "{\"DepositMoney\":{\"amount\":1e-400}}              | DepositMoney.amount must have at most 18 digits",
            "{\"DepositMoney\":{\"amount\":1,\"currency\":\"EUR\"}} | DepositMoney has an unknown field 'currency'",
            "{\"OpenAccount\":{\"account_id\":7}}                | OpenAccount.account_id must be a string but was the number 7",
            "{\"WriteCheck\":{\"check_number\":\" \",\"amount\":1}} | WriteCheck.check_number must not be blank",
            "{\"WithdrawMoney\":{\"amount\":1}}                  | WithdrawMoney.atm_id is missing; WithdrawMoney needs {\"amount\":400.0,\"atm_id\":\"ATM-N468290\"}",
            "{\"deposit_money\":{\"amount\":1}}                  | unknown command 'deposit_money'",
    })
    void refuses_a_bad_body_with_a_400_naming_the_problem(String body, String detail) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(detail);
    }
}
