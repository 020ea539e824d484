package dev.sigpage.probe;

import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.engine.Engine;

/**
 * A user's first sigpage call, run in a child JVM by {@code AgronaAccessTest}. It lives outside the library's
 * packages so that it can sit on the class path while the library is on the module path.
 */
public final class FirstCall {
    /** The exit status when the call is refused with {@link IllegalStateException}. */
    public static final int REFUSED = 3;

    private FirstCall() {}

    /**
     * Runs one first call and prints {@code ran}, or prints the refusal and exits with {@link #REFUSED}.
     *
     * @param args {@code kernel} or {@code engine}
     */
    public static void main(final String[] args) {
        try {
            if (args[0].equals("engine")) {
                new Engine();
            } else {
                new Kernel().spawn(1000, 1000);
            }
        } catch (final IllegalStateException e) {
            System.out.println(e);
            System.exit(REFUSED);
        }
        System.out.println("ran");
    }
}
