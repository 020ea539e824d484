package dev.sigpage.conformance;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SignalException;
import java.util.Objects;

/** The checks scenarios make; each failure names what was expected and what was seen. */
public final class Check {
    private Check() {}

    /**
     * Fails unless a condition holds.
     *
     * @param condition the condition
     * @param what      what the assertion requires, said when it does not hold
     */
    public static void that(final boolean condition, final String what) {
        if (!condition) {
            throw new CaseFailure(what);
        }
    }

    /**
     * Fails unless two values are equal.
     *
     * @param expected the value the assertion requires
     * @param actual   the value seen
     * @param what     what is compared
     */
    public static void eq(final Object expected, final Object actual, final String what) {
        if (!Objects.equals(expected, actual)) {
            throw new CaseFailure(what + ": expected " + expected + ", got " + actual);
        }
    }

    /**
     * Runs a call that must fail with an errno.
     *
     * @param errno the errno the assertion requires
     * @param call  the call
     * @param what  the call, for the message
     * @return the exception
     */
    public static SignalException fails(final Errno errno, final Runnable call, final String what) {
        try {
            call.run();
        } catch (final SignalException e) {
            if (e.errno() != errno) {
                throw new CaseFailure(what + ": expected " + errno + ", got " + e.getMessage(), e);
            }
            return e;
        }
        throw new CaseFailure(what + ": expected " + errno + ", the call succeeded");
    }

    /**
     * Runs a call that must succeed.
     *
     * @param call the call
     * @param what the call, for the message
     */
    public static void succeeds(final Runnable call, final String what) {
        try {
            call.run();
        } catch (final SignalException e) {
            throw new CaseFailure(what + ": expected success, got " + e.getMessage(), e);
        }
    }
}
