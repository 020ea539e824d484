package dev.sigpage.impl;

/**
 * The semantics a {@link Kernel} follows where POSIX and Redox differ. Each rule that differs is decided in one
 * place, the profile's {@link ProfileRules}: {@link PosixRules} or {@link RedoxRules}.
 */
public enum Profile {
    /** POSIX semantics over the page layout of Redox's userspace-signals design (the default). */
    POSIX,
    /**
     * Redox as it runs: the pages as redox-rt writes them and the sender rules of its userspace process manager
     * (relibc {@code 6359922768c6}, syscall {@code 4cc3baafdcbc}, kernel {@code 663e66410bac}, procmgr in the
     * {@code base} repository).
     */
    REDOX;

    /**
     * The rules of this profile for a configuration.
     *
     * @param config the kernel's configuration (the Redox rules read its default-handler address)
     * @return the rules
     */
    public ProfileRules rules(final KernelConfig config) {
        switch (this) {
            case POSIX:
                return PosixRules.INSTANCE;
            case REDOX:
                return new RedoxRules(new RedoxActionCodec(config.redoxDefaultHandler()));
        }
        throw new AssertionError(this);
    }
}
