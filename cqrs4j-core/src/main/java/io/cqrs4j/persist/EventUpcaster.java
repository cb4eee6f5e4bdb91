// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

/**
 * Rewrites a stored event of an old shape into the current one as it is read; nothing stored is
 * changed. Upcasters run in the order given, on every read path: load, the tail after a snapshot,
 * and replay.
 */
public interface EventUpcaster {

    /**
     * Whether this upcaster rewrites events of this type and version.
     *
     * @param eventType the stored type name
     * @param eventVersion the stored version
     * @return true to have {@link #upcast} called
     */
    boolean canUpcast(String eventType, String eventVersion);

    /**
     * The event in its newer shape (type, version, payload, as needed).
     *
     * @param event the stored event
     * @return the rewritten event
     */
    SerializedEvent upcast(SerializedEvent event);
}
