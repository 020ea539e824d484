/**
 * Clean-room scenarios for gVisor's signal system-call tests ({@code test/syscalls/linux/*.cc}), one file per
 * test file, each case named by its gtest name. Facts only; no code of the suite is copied.
 */
package dev.sigpage.conformance.gvisor;
