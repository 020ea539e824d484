/**
 * The delivery engine: Java code runs as model user threads, handlers run at return-to-user points, blocking
 * calls are interrupted, restarted or cancelled, and real {@code arch-frames} frames are pushed and popped.
 *
 * <p>Entry points: {@link dev.sigpage.impl.engine.Engine} (processes, handler table, wait strategy) and
 * {@link dev.sigpage.impl.engine.Sys} (the system-call facade of one model thread). Memory ordering in this
 * package is carried by locks, {@code volatile} fields and the core's atomics; each wait names the party that
 * wakes it.
 */
package dev.sigpage.impl.engine;
