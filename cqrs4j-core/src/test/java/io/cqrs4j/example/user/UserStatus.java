// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.user;

/** Whether a user may sign in. */
public enum UserStatus {
    /** Created and usable. */
    ACTIVE,
    /** Deactivated; kept for the record. */
    DEACTIVATED
}
