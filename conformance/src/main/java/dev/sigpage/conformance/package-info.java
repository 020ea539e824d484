/**
 * The POSIX conformance catalogue: clean-room scenarios named by the Open POSIX Test Suite's and gVisor's
 * assertions, run against the delivery engine under a {@link dev.sigpage.conformance.Profile}, and reported as a
 * Markdown table ({@link dev.sigpage.conformance.Conformance}).
 */
package dev.sigpage.conformance;
