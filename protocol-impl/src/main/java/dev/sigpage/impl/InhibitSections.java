package dev.sigpage.impl;

import static dev.sigpage.api.ThreadControlDescriptor.INHIBIT_DELIVERY_FLAG;

/**
 * The nesting of one thread's no-delivery sections, and the control-word flag that publishes "delivery inhibited"
 * while one is open. Only the owning thread opens and closes them (a plain depth).
 */
final class InhibitSections {
    private final ThreadControl control;
    private int depth;

    InhibitSections(final ThreadControl control) {
        this.control = control;
    }

    void open() {
        if (depth == Integer.MAX_VALUE) {
            throw new IllegalStateException("inhibit-delivery sections nest too deep: depth=" + depth);
        }
        if (depth++ == 0) {
            control.putControlFlags(control.controlFlags() | INHIBIT_DELIVERY_FLAG);
        }
    }

    /** @return true if this closed the outermost section */
    boolean close() {
        if (depth == 0) {
            throw new IllegalStateException("delivery is not inhibited: depth=0");
        }
        if (--depth > 0) {
            return false;
        }
        control.putControlFlags(control.controlFlags() & ~INHIBIT_DELIVERY_FLAG);
        return true;
    }

    boolean inhibited() {
        return (control.controlFlags() & INHIBIT_DELIVERY_FLAG) != 0;
    }

    int depth() {
        return depth;
    }
}
