package dev.sigpage.frames.cli;

/** A bad command line: reported with a usage line, exit status 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(final String message) {
        super(message);
    }
}
