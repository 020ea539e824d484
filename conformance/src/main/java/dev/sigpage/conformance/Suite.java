package dev.sigpage.conformance;

/** The independent suites the catalogue measures the engine by. */
public enum Suite {
    /**
     * The Open POSIX Test Suite inside LTP ({@code testcases/open_posix_testsuite/conformance/interfaces/}): cases
     * are named by the numbered assertions of each interface's {@code assertions.xml}.
     */
    OPTS("opts", "Open POSIX Test Suite"),
    /** gVisor's system-call tests ({@code test/syscalls/linux/*.cc}): cases are named by the gtest test name. */
    GVISOR("gvisor", "gVisor syscall tests");

    private final String prefix;
    private final String title;

    Suite(final String prefix, final String title) {
        this.prefix = prefix;
        this.title = title;
    }

    /** @return the id prefix, e.g. {@code opts} */
    public String prefix() {
        return prefix;
    }

    /** @return the suite's name for people */
    public String title() {
        return title;
    }
}
