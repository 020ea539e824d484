package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long random operation sequences run against the lock-free implementation and against {@link ReferenceModel};
 * every result (return values, errors, sets, sender info, actions) must match after every step, and every failed
 * operation must leave every live page, region and queue byte-for-byte unchanged.
 */
class RandomizedModelTest {
    private static final int DEPTH = 2;
    private static final int MAX_THREADS = 6;
    private static final int OPS = 6000;
    private static final int[] INTERESTING = {
        0, -1, 32, 65, 9, 19, 17, 18, 20, 21, 22, 23, 28, 1, 2, 10, 12, 15, 31, 33, 33, 33, 34, 34, 40, 64
    };
    private static final int[] FLAGS = {1, 2, 4, 0x0800_0000, 0x1000_0000, 0x4000_0000, 0x8000_0000};
    private static final long[] HANDLERS = {0, 1, 0x40_1000L, 0x7fff_0000L, 0x40_2000L, 0x40_3000L, 0x40_4000L};

    private Random rnd;
    private ReferenceModel ref;
    private Kernel kernel;
    private final Map<Integer, ModelProcess> procs = new HashMap<>();
    private final Map<Integer, ModelThread> thrs = new HashMap<>();
    private final List<Integer> pids = new ArrayList<>();
    private final List<Integer> tids = new ArrayList<>();
    private final Map<Integer, Delivery> lastDelivery = new HashMap<>();
    private final Map<Integer, Long> refSaved = new HashMap<>();
    private int step;
    private String lastOp;

    /** The kernel's configuration; {@link LockFreeRandomizedModelTest} runs the same seeds on the lock-free queue. */
    KernelConfig config() {
        return new KernelConfig(DEPTH, MAX_THREADS);
    }

    /** Operations per seed. */
    int ops() {
        return OPS;
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 42L, 20261121L})
    void implementationMatchesReferenceModel(final long seed) {
        rnd = new Random(seed);
        ref = new ReferenceModel(DEPTH, MAX_THREADS);
        kernel = new Kernel(config());
        for (int i = 0; i < 3; i++) {
            spawn();
        }
        for (step = 0; step < ops(); step++) {
            if (alivePids().isEmpty() || rnd.nextInt(200) == 0) {
                spawn();
            }
            final byte[][] before = snapshot();
            final String outcome = randomOperation();
            if (outcome.startsWith("!")) {
                assertArrayEquals(before, snapshot(), () -> where() + " failed operation changed memory");
            }
            compareState();
        }
    }

    private String where() {
        return "step " + step + " op " + lastOp;
    }

    private void spawn() {
        final int ruid = pick(0, 1000, 1001);
        final int suid = rnd.nextBoolean() ? ruid : pick(0, 1000, 1001);
        final int pid = ref.spawn(ruid, suid);
        final ModelProcess p = kernel.spawn(ruid, suid);
        assertEquals(pid, p.pid());
        register(p);
    }

    private void register(final ModelProcess p) {
        procs.put(p.pid(), p);
        pids.add(p.pid());
        for (final ModelThread t : p.threads()) {
            if (!thrs.containsKey(t.tid())) {
                thrs.put(t.tid(), t);
                tids.add(t.tid());
            }
        }
    }

    private int pick(final int... values) {
        return values[rnd.nextInt(values.length)];
    }

    private List<Integer> alivePids() {
        final List<Integer> out = new ArrayList<>();
        for (final int pid : pids) {
            if (ref.procs.get(pid).alive) {
                out.add(pid);
            }
        }
        return out;
    }

    private int anyPid() {
        final List<Integer> alive = alivePids();
        if (alive.isEmpty() || rnd.nextInt(20) == 0) {
            return rnd.nextInt(20) == 0 ? 9999 : pids.get(rnd.nextInt(pids.size()));
        }
        return alive.get(rnd.nextInt(alive.size()));
    }

    /** Mostly a live thread of the process, sometimes any thread. */
    private int threadOf(final int pid) {
        final ReferenceModel.Proc p = ref.procs.get(pid);
        final List<Integer> live = new ArrayList<>();
        if (p != null) {
            for (final ReferenceModel.Thr t : p.threads) {
                if (t.alive) {
                    live.add(t.tid);
                }
            }
        }
        if (live.isEmpty() || rnd.nextInt(25) == 0) {
            return tids.get(rnd.nextInt(tids.size()));
        }
        return live.get(rnd.nextInt(live.size()));
    }

    private int signal() {
        return rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(64) : INTERESTING[rnd.nextInt(INTERESTING.length)];
    }

    private long signalBits() {
        long bits = 0;
        final int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            bits |= 1L << rnd.nextInt(64);
        }
        return rnd.nextInt(30) == 0 ? -1L : bits;
    }

    private Integer sender() {
        if (rnd.nextInt(10) == 0) {
            return null;
        }
        return threadOf(anyPid());
    }

    private String run(final Supplier<String> impl, final Supplier<String> model) {
        final String expected = outcome(model);
        final String actual = outcome(impl);
        assertEquals(expected, actual, this::where);
        return actual;
    }

    private static String outcome(final Supplier<String> s) {
        try {
            return s.get();
        } catch (final ReferenceModel.Failure f) {
            return "!" + f.getMessage();
        } catch (final SignalException e) {
            return "!" + e.errno().name();
        } catch (final IllegalStateException e) {
            return "!IllegalStateException";
        } catch (final IllegalArgumentException e) {
            return "!IllegalArgumentException";
        }
    }

    private String randomOperation() {
        final int op = rnd.nextInt(100);
        final int pid = anyPid();
        final int tid = threadOf(pid);
        final ModelThread t = thrs.get(tid);
        if (op < 18) {
            final int how = rnd.nextInt(40) == 0 ? 3 : rnd.nextInt(3);
            final long bits = signalBits();
            lastOp = "sigprocmask tid=" + tid + " how=" + how + " bits=" + Long.toHexString(bits);
            return run(
                    () -> Long.toHexString(t.sigprocmask(MaskHow.fromCode(how), bits)),
                    () -> Long.toHexString(ref.sigprocmask(tid, how, bits)));
        }
        if (op < 32) {
            final Integer s = sender();
            final int sig = signal();
            final long value = rnd.nextInt(1000);
            final boolean queue = rnd.nextBoolean();
            lastOp = (queue ? "sigqueue" : "kill") + " sender=" + s + " pid=" + pid + " sig=" + sig;
            return run(
                    () -> {
                        if (queue) {
                            kernel.sigqueue(s == null ? null : thrs.get(s), pid, sig, value);
                        } else {
                            kernel.kill(s == null ? null : thrs.get(s), pid, sig);
                        }
                        return "ok";
                    },
                    () -> {
                        ref.kill(
                                s,
                                pid,
                                sig,
                                queue ? ReferenceModel.SI_QUEUE : ReferenceModel.SI_USER,
                                queue ? value : 0);
                        return "ok";
                    });
        }
        if (op < 46) {
            final Integer s = sender();
            final int sig = signal();
            final long value = rnd.nextInt(1000);
            final boolean queue = rnd.nextBoolean();
            lastOp = (queue ? "sigqueueThread" : "tgkill") + " sender=" + s + " pid=" + pid + " tid=" + tid + " sig="
                    + sig;
            return run(
                    () -> {
                        if (queue) {
                            kernel.sigqueueThread(s == null ? null : thrs.get(s), pid, tid, sig, value);
                        } else {
                            kernel.tgkill(s == null ? null : thrs.get(s), pid, tid, sig);
                        }
                        return "ok";
                    },
                    () -> {
                        ref.tkill(
                                s,
                                pid,
                                tid,
                                sig,
                                queue ? ReferenceModel.SI_QUEUE : ReferenceModel.SI_TKILL,
                                queue ? value : 0);
                        return "ok";
                    });
        }
        if (op < 66) {
            lastOp = "claim tid=" + tid;
            final MutableSigInfo info = new MutableSigInfo();
            return run(
                    () -> {
                        final int sig = t.claim(info);
                        return sig == 0 ? "none" : info.toSigInfo().toString();
                    },
                    () -> {
                        final ReferenceModel.Entry e = ref.claim(tid);
                        return e == null
                                ? "none"
                                : new dev.sigpage.api.SigInfo(e.sig(), e.code(), e.pid(), e.uid(), e.value())
                                        .toString();
                    });
        }
        if (op < 70) {
            final long bits = signalBits() | (1L << rnd.nextInt(64));
            lastOp = "sigtimedwait tid=" + tid + " set=" + Long.toHexString(bits);
            final MutableSigInfo info = new MutableSigInfo();
            return run(
                    () -> {
                        t.sigtimedwait(SignalSet.ofBits(bits), info, 0);
                        return info.toSigInfo().toString();
                    },
                    () -> {
                        final ReferenceModel.Entry e = ref.sigtimedwaitNow(tid, bits);
                        return new dev.sigpage.api.SigInfo(e.sig(), e.code(), e.pid(), e.uid(), e.value()).toString();
                    });
        }
        if (op < 74) {
            final boolean ret = rnd.nextBoolean() && lastDelivery.containsKey(tid);
            lastOp = (ret ? "sigreturn" : "deliver") + " tid=" + tid;
            if (ret) {
                final Delivery d = lastDelivery.remove(tid);
                final long saved = refSaved.remove(tid);
                return run(
                        () -> {
                            t.sigreturn(d);
                            return "ok";
                        },
                        () -> {
                            ref.sigreturn(tid, saved);
                            return "ok";
                        });
            }
            final Delivery d = new Delivery();
            final long[] saved = new long[1];
            final String r = run(
                    () -> {
                        final int sig = t.deliver(d);
                        return sig == 0
                                ? "none " + Long.toHexString(d.savedMask())
                                : d.info().toSigInfo() + " " + d.handler() + " " + Integer.toHexString(d.flags()) + " "
                                        + Long.toHexString(d.savedMask());
                    },
                    () -> {
                        final ReferenceModel.Delivered x = ref.deliver(tid);
                        saved[0] = x.savedMask();
                        final ReferenceModel.Entry e = x.entry();
                        return e == null
                                ? "none " + Long.toHexString(x.savedMask())
                                : new dev.sigpage.api.SigInfo(e.sig(), e.code(), e.pid(), e.uid(), e.value()) + " "
                                        + x.handler() + " " + Integer.toHexString(x.flags()) + " "
                                        + Long.toHexString(x.savedMask());
                    });
            if (!r.startsWith("!") && !r.startsWith("none")) {
                lastDelivery.put(tid, d);
                refSaved.put(tid, saved[0]);
            }
            return r;
        }
        if (op < 80) {
            final int sig = signal();
            final long handler = HANDLERS[rnd.nextInt(HANDLERS.length)];
            final long mask = signalBits();
            int flags = 0;
            for (final int f : FLAGS) {
                if (rnd.nextInt(4) == 0) {
                    flags |= f;
                }
            }
            if ((flags & 2) != 0 && rnd.nextBoolean()) {
                flags &= ~2;
            }
            final int fl = flags;
            lastOp = "sigaction pid=" + pid + " sig=" + sig + " handler=" + handler + " flags=" + fl;
            final ModelProcess p = procs.get(pid);
            final TreeSet<Integer> maskSet = new TreeSet<>();
            for (int s = 1; s <= 64; s++) {
                if ((mask & (1L << (s - 1))) != 0) {
                    maskSet.add(s);
                }
            }
            return run(
                    () -> {
                        if (p == null) {
                            throw new IllegalStateException("no such process");
                        }
                        return actionString(p.sigaction(sig, new SigAction(handler, SignalSet.ofBits(mask), fl)));
                    },
                    () -> {
                        if (!ref.procs.containsKey(pid)) {
                            throw new ReferenceModel.Failure("IllegalStateException");
                        }
                        return actionString(ref.sigaction(pid, sig, new ReferenceModel.Action(handler, maskSet, fl)));
                    });
        }
        if (op < 85) {
            lastOp = "inhibit/allow tid=" + tid;
            final boolean inhibit = rnd.nextBoolean();
            return run(
                    () -> {
                        if (inhibit) {
                            t.inhibitDelivery();
                            return "ok";
                        }
                        return Boolean.toString(t.allowDelivery());
                    },
                    () -> {
                        if (inhibit) {
                            ref.inhibit(tid);
                            return "ok";
                        }
                        return Boolean.toString(ref.allow(tid));
                    });
        }
        if (op < 89) {
            lastOp = "createThread pid=" + pid + " creator=" + tid;
            final ModelProcess p = procs.get(pid);
            final String r = run(
                    () -> {
                        if (p == null) {
                            throw new IllegalStateException("no such process");
                        }
                        return Integer.toString(p.createThread(t).tid());
                    },
                    () -> {
                        if (!ref.procs.containsKey(pid)) {
                            throw new ReferenceModel.Failure("IllegalStateException");
                        }
                        return Integer.toString(ref.createThread(pid, tid));
                    });
            if (!r.startsWith("!")) {
                register(p);
            }
            return r;
        }
        if (op < 92) {
            lastOp = "fork pid=" + pid + " tid=" + tid;
            final ModelProcess p = procs.get(pid);
            final ModelProcess[] child = new ModelProcess[1];
            final String r = run(
                    () -> {
                        if (p == null) {
                            throw new IllegalStateException("no such process");
                        }
                        child[0] = p.fork(t);
                        return Integer.toString(child[0].pid());
                    },
                    () -> {
                        if (!ref.procs.containsKey(pid)) {
                            throw new ReferenceModel.Failure("IllegalStateException");
                        }
                        return Integer.toString(ref.fork(pid, tid));
                    });
            if (child[0] != null) {
                register(child[0]);
            }
            return r;
        }
        if (op < 94) {
            lastOp = "exec pid=" + pid + " tid=" + tid;
            final ModelProcess p = procs.get(pid);
            return run(
                    () -> {
                        if (p == null) {
                            throw new IllegalStateException("no such process");
                        }
                        p.exec(t);
                        return "ok";
                    },
                    () -> {
                        if (!ref.procs.containsKey(pid)) {
                            throw new ReferenceModel.Failure("IllegalStateException");
                        }
                        ref.exec(pid, tid);
                        return "ok";
                    });
        }
        if (op < 97) {
            lastOp = "exit thread tid=" + tid;
            return run(
                    () -> {
                        t.exit();
                        return "ok";
                    },
                    () -> {
                        ref.exitThread(tid);
                        return "ok";
                    });
        }
        lastOp = "exit process pid=" + pid;
        final ModelProcess p = procs.get(pid);
        return run(
                () -> {
                    if (p == null) {
                        throw new IllegalStateException("no such process");
                    }
                    p.exit(7);
                    return "ok";
                },
                () -> {
                    if (!ref.procs.containsKey(pid)) {
                        throw new ReferenceModel.Failure("IllegalStateException");
                    }
                    ref.exitProcess(pid);
                    return "ok";
                });
    }

    private static String actionString(final SigAction a) {
        return a.handler() + "/" + Long.toHexString(a.mask().bits()) + "/" + Integer.toHexString(a.flags());
    }

    private static String actionString(final ReferenceModel.Action a) {
        return a.handler() + "/" + Long.toHexString(ReferenceModel.bitsOf(a.mask())) + "/"
                + Integer.toHexString(a.flags());
    }

    private void compareState() {
        for (final int pid : pids) {
            final ReferenceModel.Proc rp = ref.procs.get(pid);
            final ModelProcess p = procs.get(pid);
            assertEquals(rp.alive, p.isAlive(), () -> where() + " alive pid=" + pid);
            if (!rp.alive) {
                continue;
            }
            assertEquals(
                    Long.toHexString(ref.processPending(rp)),
                    Long.toHexString(p.pendingSet().bits()),
                    () -> where() + " process pending pid=" + pid);
            assertEquals(rp.main.tid, p.mainThread().tid(), () -> where() + " main thread pid=" + pid);
            if (step % 97 == 0) {
                for (int sig = 1; sig <= 64; sig++) {
                    if (sig != 32) {
                        final int s = sig;
                        assertEquals(
                                actionString(ref.action(rp, sig)),
                                actionString(p.sigaction(sig)),
                                () -> where() + " action pid=" + pid + " sig=" + s);
                    }
                }
            }
        }
        for (final int tid : tids) {
            final ReferenceModel.Thr rt = ref.thrs.get(tid);
            final ModelThread t = thrs.get(tid);
            final boolean alive = rt.alive && rt.proc.alive;
            assertEquals(alive, t.isAlive(), () -> where() + " alive tid=" + tid);
            if (!alive) {
                continue;
            }
            assertEquals(
                    Long.toHexString(ref.maskOf(rt)),
                    Long.toHexString(t.mask().bits()),
                    () -> where() + " mask tid=" + tid);
            assertEquals(
                    Long.toHexString(ref.pendingOf(rt)),
                    Long.toHexString(t.pendingSet().bits()),
                    () -> where() + " pending tid=" + tid);
            assertEquals(
                    Long.toHexString(ref.pendingOf(rt) & ref.maskOf(rt)),
                    Long.toHexString(t.sigpending().bits()),
                    () -> where() + " sigpending tid=" + tid);
            assertEquals(
                    Long.toHexString(ref.deliverableOf(rt)),
                    Long.toHexString(t.deliverableSet().bits()),
                    () -> where() + " deliverable tid=" + tid);
            assertEquals(ref.deliveryDue(tid), t.deliveryDue(), () -> where() + " deliveryDue tid=" + tid);
            assertEquals(rt.inhibit > 0, t.deliveryInhibited(), () -> where() + " inhibited tid=" + tid);
        }
    }

    private byte[][] snapshot() {
        final List<byte[]> out = new ArrayList<>();
        for (final int pid : pids) {
            final ModelProcess p = procs.get(pid);
            if (p.isAlive()) {
                out.add(bytes(p.page()));
                out.add(bytes(p.realtimeQueue().buffer()));
                if (p.lockFreeQueue != null) {
                    out.add(bytes(p.lockFreeQueue.buffer()));
                }
            }
        }
        for (final int tid : tids) {
            final ModelThread t = thrs.get(tid);
            if (t.isAlive()) {
                out.add(bytes(t.region()));
                out.add(bytes(t.realtimeQueue().buffer()));
                if (t.lockFreeQueue != null) {
                    out.add(bytes(t.lockFreeQueue.buffer()));
                }
            }
        }
        return out.toArray(new byte[0][]);
    }

    static byte[] bytes(final AtomicBuffer buffer) {
        final byte[] b = new byte[buffer.capacity()];
        buffer.getBytes(0, b);
        return b;
    }
}
