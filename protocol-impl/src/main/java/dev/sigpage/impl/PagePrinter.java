package dev.sigpage.impl;

/**
 * Renders pages as tables.
 */
public final class PagePrinter {
    private PagePrinter() {
    }

    /**
     * A thread's words as a table.
     *
     * @param thread the thread
     * @return the table
     */
    public static String thread(final ModelThread thread) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A process page as text.
     *
     * @param process the process
     * @return the text
     */
    public static String process(final ModelProcess process) {
        throw new UnsupportedOperationException("not yet");
    }
}
