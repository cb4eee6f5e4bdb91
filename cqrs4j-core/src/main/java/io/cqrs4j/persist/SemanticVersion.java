// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

/**
 * A {@code major.minor.patch} version as event versions are written: {@code "2"}, {@code "2.3"}
 * and {@code "2.3.4"} parse; missing parts are 0 and parts after the third are ignored.
 *
 * @param major the major part
 * @param minor the minor part
 * @param patch the patch part
 */
public record SemanticVersion(long major, long minor, long patch) implements Comparable<SemanticVersion> {

    /**
     * Validates the parts.
     *
     * @param major the major part, 0 or more
     * @param minor the minor part, 0 or more
     * @param patch the patch part, 0 or more
     */
    public SemanticVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts must not be negative: " + major + "." + minor + "." + patch);
        }
    }

    /**
     * Parses a version.
     *
     * @param text the version, e.g. {@code "0.3.0"}
     * @return the version
     * @throws IllegalArgumentException naming the text when it is not a version
     */
    public static SemanticVersion parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        long[] numbers = new long[3];
        for (int i = 0; i < Math.min(3, parts.length); i++) {
            if (!parts[i].matches("[0-9]{1,18}")) {
                throw new IllegalArgumentException("'" + text + "' is not a version like 1, 1.2 or 1.2.3");
            }
            numbers[i] = Long.parseLong(parts[i]);
        }
        return new SemanticVersion(numbers[0], numbers[1], numbers[2]);
    }

    /**
     * Whether this version is strictly newer than {@code other}.
     *
     * @param other the other version
     * @return true when newer
     */
    public boolean supersedes(SemanticVersion other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int byMajor = Long.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Long.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Long.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
