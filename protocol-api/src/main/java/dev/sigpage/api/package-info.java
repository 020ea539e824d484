/**
 * The protocol vocabulary of sigpage: signal numbers ({@link dev.sigpage.api.Signals}), sets
 * ({@link dev.sigpage.api.SignalSet}), actions ({@link dev.sigpage.api.SigAction}), siginfo, error codes
 * ({@link dev.sigpage.api.SignalException}), the kernel and thread interfaces, and the layout descriptors of the
 * shared regions ({@link dev.sigpage.api.ThreadControlDescriptor},
 * {@link dev.sigpage.api.ProcessControlDescriptor}, {@link dev.sigpage.api.RealtimeQueueDescriptor}).
 */
package dev.sigpage.api;
