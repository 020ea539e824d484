/**
 * The shared signal pages as off-heap Agrona buffers, the lock-free protocol over them, and a kernel model.
 *
 * <p>Start with {@link dev.sigpage.impl.Kernel}: it spawns {@link dev.sigpage.impl.ModelProcess}es whose
 * {@link dev.sigpage.impl.ModelThread}s change masks, send and claim signals on the shared pages;
 * {@link dev.sigpage.impl.PagePrinter} prints the pages. The flyweights over one region
 * ({@link dev.sigpage.impl.ThreadControl}, {@link dev.sigpage.impl.ProcessControl},
 * {@link dev.sigpage.impl.RealtimeQueue}) are for a kernel that keeps its own memory. Delivery (handlers, blocking
 * calls) is in {@link dev.sigpage.impl.engine}.
 * <pre>{@code
 * Kernel kernel = new Kernel();
 * ModelProcess app = kernel.spawn(1000, 1000);
 * ModelThread main = app.mainThread();
 * kernel.kill(main, app.pid(), Signals.SIGUSR1);   // process-directed: pending in the process page
 * int claimed = main.claim(new MutableSigInfo());  // SIGUSR1, claimed by exactly one thread
 * }</pre>
 *
 * <p>The rest of this page is the memory-ordering reference: the vocabulary every atomic call site's comment uses,
 * and why the send and the mask change are sequentially consistent.
 *
 * <h2>Memory-access modes</h2>
 * Every access to a shared word names its mode, in this vocabulary (after JCTools' {@code queues} package):
 * <ul>
 * <li><b>plain</b>: an ordinary load or store, no ordering. Used only for data with a single writer read by that
 * writer (the owner reading its own allow half), for data published by a later release or volatile access, and
 * inside the queue lock.</li>
 * <li><b>opaque</b>: atomic, no ordering with other locations. Not used.</li>
 * <li><b>release</b> ({@code putLongRelease}, "ordered"/lazySet): earlier loads and stores of this thread are
 * visible before it. Used for sender info and code/value slots: the following atomic OR on the pending word
 * publishes them.</li>
 * <li><b>acquire</b> ({@code getLongAcquire}): later loads and stores of this thread happen after it. Used to read
 * sender info after a claim.</li>
 * <li><b>volatile</b> ({@code getLongVolatile}/{@code putLongVolatile}): sequentially consistent load or store.
 * Used for reads of the signal words and the process pending word, and for the control flags.</li>
 * <li><b>SC RMW</b> ({@code getAndAddLong}, {@code compareAndSetLong}, {@code compareAndExchangeLong}): an atomic
 * read-modify-write, sequentially consistent in Java (a {@code lock}-prefixed instruction on x86). A standard send
 * that owns the signal's info slot raises its bit with one {@code getAndAdd} (an exact OR: the owned slot keeps the
 * bit clear); a realtime send raises it with a CAS loop; a claim or discard clears it with a CAS loop that retries
 * from the word the failed exchange returned (the atomic and-not); {@code getAndAdd} is also the owner's allow-half
 * swap.</li>
 * </ul>
 *
 * <h2>Why sequential consistency on both sides</h2>
 * A process-directed send writes the process pending word and then reads thread allow halves (through the
 * sleeper index, see {@link dev.sigpage.impl.SleeperIndex}); a mask change writes a thread's allow half and then
 * reads the process pending word. Two writers, two words, each reading the other's word: the store-buffering
 * shape. With release/acquire only, both may read the old values: the sender sees the signal blocked, the thread
 * sees nothing pending, and the signal is stranded. Java's {@code getAndAdd}, CAS and volatile accesses are
 * sequentially consistent, so at least one side sees the other's write. The same argument covers a sleeper
 * registering in the index (SC) and re-reading its words, against a sender raising a bit (SC) and reading the
 * index.
 */
package dev.sigpage.impl;
