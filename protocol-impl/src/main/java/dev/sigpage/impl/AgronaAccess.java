package dev.sigpage.impl;

import org.agrona.concurrent.AtomicBuffer;

/**
 * The one JVM flag sigpage needs, checked at the first sigpage call instead of failing deep inside Agrona.
 *
 * <p>Agrona 2.x reads and writes off-heap memory through {@code jdk.internal.misc.Unsafe}, which {@code java.base}
 * exports to nobody unless the JVM is started with {@value #CLASS_PATH_FLAG} (Agrona on the class path) or
 * {@value #MODULE_PATH_FLAG} (Agrona on the module path, as the automatic module {@code org.agrona}). Without
 * it the first buffer access throws {@link IllegalAccessError} from inside Agrona. {@link Kernel}'s constructors
 * and the public {@code wrap} methods of the flyweights call {@link #check()} first, so the user meets one
 * {@link IllegalStateException} that names both flags; the delivery engine is covered through the {@link Kernel}
 * it runs on.
 */
final class AgronaAccess {
    /** The flag when Agrona is on the class path. */
    static final String CLASS_PATH_FLAG = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";
    /** The flag when Agrona is on the module path. */
    static final String MODULE_PATH_FLAG = "--add-exports java.base/jdk.internal.misc=org.agrona";

    private static final Module AGRONA = AtomicBuffer.class.getModule();
    private static final boolean EXPORTED = Object.class.getModule().isExported("jdk.internal.misc", AGRONA);

    private AgronaAccess() {}

    /**
     * Throws unless {@code java.base} exports {@code jdk.internal.misc} to Agrona's module.
     *
     * @throws IllegalStateException naming both flags and the module Agrona was loaded in
     */
    static void check() {
        if (!EXPORTED) {
            throw new IllegalStateException("java.base must export jdk.internal.misc to Agrona (sigpage's pages are "
                    + "Agrona buffers): start java with " + CLASS_PATH_FLAG + " on the class path or "
                    + MODULE_PATH_FLAG + " on the module path: agronaModule="
                    + (AGRONA.isNamed() ? AGRONA.getName() : "unnamed (class path)"));
        }
    }
}
