package dev.sigpage.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deliberately simple, sequential model of the protocol, written from DESIGN.md and the documented decisions of
 * the API (not from the implementation): plain sets, maps and deques, no bits, no pages, no atomics. Results are
 * strings or numbers; failures are returned as the errno name or the exception kind.
 */
final class ReferenceModel {
    static final int KILL = 9;
    static final int STOP = 19;
    static final int CHLD = 17;
    static final int CONT = 18;
    static final Set<Integer> STOPS = Set.of(19, 20, 21, 22);
    static final Set<Integer> DEFAULT_IGNORED = Set.of(17, 23, 28);
    static final int SI_USER = 0;
    static final int SI_KERNEL = 0x80;
    static final int SI_QUEUE = -1;
    static final int SI_TKILL = -6;
    static final int NOCLDSTOP = 1;
    static final int SUPPORTED_FLAGS = 1 | 4 | 0x0800_0000 | 0x1000_0000 | 0x4000_0000 | 0x8000_0000;

    /** Outcome of an operation that failed: errno name or exception kind. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(final String what) {
            super(what, null, false, false);
        }
    }

    record Action(long handler, TreeSet<Integer> mask, int flags) {}

    record Entry(int sig, int code, int pid, int uid, long value) {}

    static final class Proc {
        int pid;
        int ruid;
        int suid;
        boolean alive = true;
        /** The forking process, or null; null again once it has ended (the child is then an orphan). */
        Proc parent;
        /** Ended, and its parent may still wait for it: the pid still answers kill. */
        boolean zombie;

        final TreeSet<Integer> pending = new TreeSet<>();
        final Map<Integer, Entry> standardInfo = new HashMap<>();
        final Map<Integer, Deque<Entry>> queues = new TreeMap<>();
        final Map<Integer, Action> actions = new HashMap<>();
        final List<Thr> threads = new ArrayList<>();
        Thr main;
    }

    static final class Thr {
        int tid;
        Proc proc;
        boolean alive = true;
        final TreeSet<Integer> mask = new TreeSet<>();
        final TreeSet<Integer> pending = new TreeSet<>();
        final Map<Integer, Entry> standardInfo = new HashMap<>();
        final Map<Integer, Deque<Entry>> queues = new TreeMap<>();
        int inhibit;
    }

    final int depth;
    final int maxThreads;
    final Map<Integer, Proc> procs = new HashMap<>();
    final Map<Integer, Thr> thrs = new HashMap<>();
    int nextPid = 1;
    int nextTid = 1;

    ReferenceModel(final int depth, final int maxThreads) {
        this.depth = depth;
        this.maxThreads = maxThreads;
    }

    static boolean valid(final int sig) {
        return sig >= 1 && sig <= 64 && sig != 32;
    }

    static boolean realtime(final int sig) {
        return sig >= 33;
    }

    static void checkSig(final int sig) {
        if (!valid(sig)) {
            throw new Failure("EINVAL");
        }
    }

    /** Signal 0 is the null signal of kill and sigqueue: checked like a send, nothing sent. */
    static void checkSigOrNull(final int sig) {
        if (sig != 0) {
            checkSig(sig);
        }
    }

    boolean ignored(final Proc p, final int sig) {
        final Action a = p.actions.get(sig);
        if (a == null) {
            return DEFAULT_IGNORED.contains(sig);
        }
        return a.handler == 1 || (a.handler == 0 && DEFAULT_IGNORED.contains(sig));
    }

    Thr thr(final int tid) {
        final Thr t = thrs.get(tid);
        if (t == null || !t.alive) {
            throw new Failure("IllegalStateException");
        }
        return t;
    }

    Proc liveProc(final int pid) {
        final Proc p = procs.get(pid);
        if (p == null || !p.alive) {
            throw new Failure("IllegalStateException");
        }
        return p;
    }

    List<Thr> live(final Proc p) {
        final List<Thr> out = new ArrayList<>();
        for (final Thr t : p.threads) {
            if (t.alive) {
                out.add(t);
            }
        }
        return out;
    }

    // ------------------------------------------------------------ creation

    int spawn(final int ruid, final int suid) {
        final Proc p = new Proc();
        p.pid = nextPid++;
        p.ruid = ruid;
        p.suid = suid;
        procs.put(p.pid, p);
        p.main = newThread(p, new TreeSet<>());
        return p.pid;
    }

    private Thr newThread(final Proc p, final Set<Integer> mask) {
        if (live(p).size() >= maxThreads) {
            throw new Failure("IllegalStateException");
        }
        final Thr t = new Thr();
        t.tid = nextTid++;
        t.proc = p;
        t.mask.addAll(mask);
        p.threads.add(t);
        thrs.put(t.tid, t);
        return t;
    }

    /** A thread given to an operation of process {@code p}: wrong process first, then dead. */
    Thr own(final Proc p, final int tid) {
        final Thr t = thrs.get(tid);
        if (t == null || t.proc != p) {
            throw new Failure("IllegalArgumentException");
        }
        return thr(tid);
    }

    int createThread(final int pid, final int creatorTid) {
        final Proc p = liveProc(pid);
        final Thr c = own(p, creatorTid);
        return newThread(p, c.mask).tid;
    }

    // ------------------------------------------------------------ masks

    long sigprocmask(final int tid, final int how, final long bits) {
        if (how < 0 || how > 2) {
            throw new Failure("EINVAL");
        }
        final Thr t = thr(tid);
        final long old = maskOf(t);
        final TreeSet<Integer> set = new TreeSet<>();
        for (int s = 1; s <= 64; s++) {
            if ((bits & (1L << (s - 1))) != 0) {
                set.add(s);
            }
        }
        if (how == 0) {
            t.mask.addAll(set);
        } else if (how == 1) {
            t.mask.removeAll(set);
        } else {
            t.mask.clear();
            t.mask.addAll(set);
        }
        t.mask.remove(KILL);
        t.mask.remove(STOP);
        return old;
    }

    static long bitsOf(final Set<Integer> set) {
        long b = 0;
        for (final int s : set) {
            b |= 1L << (s - 1);
        }
        return b;
    }

    long maskOf(final Thr t) {
        return bitsOf(t.mask);
    }

    // ------------------------------------------------------------ observation

    long pendingOf(final Thr t) {
        final TreeSet<Integer> all = new TreeSet<>(t.pending);
        all.addAll(t.proc.pending);
        for (final Map.Entry<Integer, Deque<Entry>> e : t.queues.entrySet()) {
            if (!e.getValue().isEmpty()) {
                all.add(e.getKey());
            }
        }
        for (final Map.Entry<Integer, Deque<Entry>> e : t.proc.queues.entrySet()) {
            if (!e.getValue().isEmpty()) {
                all.add(e.getKey());
            }
        }
        return bitsOf(all);
    }

    long processPending(final Proc p) {
        final TreeSet<Integer> all = new TreeSet<>(p.pending);
        for (final Map.Entry<Integer, Deque<Entry>> e : p.queues.entrySet()) {
            if (!e.getValue().isEmpty()) {
                all.add(e.getKey());
            }
        }
        return bitsOf(all);
    }

    long deliverableOf(final Thr t) {
        return pendingOf(t) & ~maskOf(t);
    }

    // ------------------------------------------------------------ sends

    private int[] sender(final Integer senderTid) {
        if (senderTid == null) {
            return new int[] {0, 0, 1};
        }
        final Thr s = thr(senderTid);
        return new int[] {s.proc.pid, s.proc.ruid, 0};
    }

    private Proc target(final int pid) {
        final Proc p = procs.get(pid);
        if (p == null || !p.alive) {
            throw new Failure("ESRCH");
        }
        return p;
    }

    private static void permission(final int[] s, final Proc target) {
        if (s[2] == 0 && s[1] != 0 && s[1] != target.ruid && s[1] != target.suid) {
            throw new Failure("EPERM");
        }
    }

    private void sideEffects(final Proc p, final int sig) {
        final Set<Integer> drop = sig == CONT ? STOPS : STOPS.contains(sig) ? Set.of(CONT) : Set.of();
        p.pending.removeAll(drop);
        for (final Thr t : live(p)) {
            t.pending.removeAll(drop);
        }
    }

    void kill(final Integer senderTid, final int pid, final int sig, final int code, final long value) {
        checkSigOrNull(sig);
        final int[] s = sender(senderTid);
        final Proc z = procs.get(pid);
        final Proc p = z != null && z.zombie ? z : target(pid);
        permission(s, p);
        if (sig == 0 || p.zombie) {
            return;
        }
        final int c = s[2] == 1 ? SI_KERNEL : code;
        sideEffects(p, sig);
        if (ignored(p, sig)) {
            return;
        }
        final Entry e = new Entry(sig, c, s[0], s[1], value);
        if (realtime(sig)) {
            final Deque<Entry> q = p.queues.computeIfAbsent(sig, k -> new ArrayDeque<>());
            if (q.size() >= depth) {
                throw new Failure("EAGAIN");
            }
            q.addLast(e);
        } else if (p.pending.add(sig)) {
            // the send that makes a standard signal pending records its info; a later one merges and changes nothing.
            p.standardInfo.put(sig, e);
        }
    }

    void tkill(final Integer senderTid, final int pid, final int tid, final int sig, final int code, final long value) {
        checkSigOrNull(sig);
        final int[] s = sender(senderTid);
        final Proc p = target(pid);
        final Thr t = thrs.get(tid);
        if (t == null || !t.alive || t.proc != p) {
            throw new Failure("ESRCH");
        }
        permission(s, p);
        if (sig == 0) {
            return;
        }
        final int c = s[2] == 1 ? SI_KERNEL : code;
        sideEffects(p, sig);
        if (ignored(p, sig)) {
            return;
        }
        final Entry e = new Entry(sig, c, s[0], s[1], value);
        if (realtime(sig)) {
            final Deque<Entry> q = t.queues.computeIfAbsent(sig, k -> new ArrayDeque<>());
            if (q.size() >= depth) {
                throw new Failure("EAGAIN");
            }
            q.addLast(e);
        } else if (t.pending.add(sig)) {
            // first sender wins, as for kill.
            t.standardInfo.put(sig, e);
        }
    }

    // ------------------------------------------------------------ claim

    /** The claimed entry, or null. */
    Entry claim(final int tid) {
        return claimWhere(thr(tid), null);
    }

    /** Claims among the unmasked signals ({@code wanted == null}) or among {@code wanted}, blocked or not. */
    Entry claimWhere(final Thr t, final Set<Integer> wanted) {
        final Proc p = t.proc;
        while (true) {
            Integer pick = null;
            for (final int s : t.pending) {
                if (eligible(t, wanted, s)) {
                    pick = s;
                    break;
                }
            }
            if (pick != null) {
                t.pending.remove(pick);
                if (wanted == null && ignored(p, pick)) {
                    continue;
                }
                return t.standardInfo.get(pick);
            }
            for (final int s : p.pending) {
                if (eligible(t, wanted, s)) {
                    pick = s;
                    break;
                }
            }
            if (pick != null) {
                p.pending.remove(pick);
                if (wanted == null && ignored(p, pick)) {
                    continue;
                }
                return p.standardInfo.get(pick);
            }
            for (int s = 33; s <= 64; s++) {
                if (!eligible(t, wanted, s)) {
                    continue;
                }
                final Deque<Entry> tq = t.queues.get(s);
                final Deque<Entry> pq = p.queues.get(s);
                final Deque<Entry> q = tq != null && !tq.isEmpty() ? tq : pq != null && !pq.isEmpty() ? pq : null;
                if (q != null) {
                    final Entry e = q.removeFirst();
                    pick = s;
                    if (wanted == null && ignored(p, s)) {
                        break;
                    }
                    return e;
                }
            }
            if (pick == null) {
                return null;
            }
        }
    }

    private static boolean eligible(final Thr t, final Set<Integer> wanted, final int s) {
        return wanted == null ? !t.mask.contains(s) : wanted.contains(s);
    }

    /** sigtimedwait with a zero timeout. */
    Entry sigtimedwaitNow(final int tid, final long setBits) {
        final Thr t = thr(tid);
        final TreeSet<Integer> wanted = new TreeSet<>();
        for (int s = 1; s <= 64; s++) {
            if ((setBits & (1L << (s - 1))) != 0 && s != KILL && s != STOP) {
                wanted.add(s);
            }
        }
        final Entry e = claimWhere(t, wanted);
        if (e != null) {
            return e;
        }
        // a zero timeout polls: EAGAIN whatever else is deliverable (POSIX), the other signal stays pending.
        throw new Failure("EAGAIN");
    }

    /** What deliver returns: the entry, the handler, the flags and the saved mask. */
    record Delivered(Entry entry, long handler, int flags, long savedMask) {}

    Delivered deliver(final int tid) {
        final Thr t = thr(tid);
        final long saved = maskOf(t);
        if (t.inhibit > 0) {
            return new Delivered(null, 0, 0, saved);
        }
        final Entry e = claimWhere(t, null);
        if (e == null) {
            return new Delivered(null, 0, 0, saved);
        }
        final Action a = action(t.proc, e.sig());
        if (a.handler() == 0) {
            return new Delivered(e, 0, a.flags(), saved);
        }
        t.mask.addAll(a.mask());
        if ((a.flags() & 0x4000_0000) == 0) {
            t.mask.add(e.sig());
        }
        t.mask.remove(KILL);
        t.mask.remove(STOP);
        if ((a.flags() & 0x8000_0000) != 0) {
            t.proc.actions.remove(e.sig());
        }
        return new Delivered(e, a.handler(), a.flags(), saved);
    }

    void sigreturn(final int tid, final long savedMask) {
        final Thr t = thr(tid);
        t.mask.clear();
        for (int s = 1; s <= 64; s++) {
            if ((savedMask & (1L << (s - 1))) != 0) {
                t.mask.add(s);
            }
        }
    }

    // ------------------------------------------------------------ sigaction

    Action sigaction(final int pid, final int sig, final Action act) {
        checkSig(sig);
        if (sig == KILL || sig == STOP) {
            throw new Failure("EINVAL");
        }
        if ((act.flags & ~SUPPORTED_FLAGS) != 0) {
            throw new Failure("EINVAL");
        }
        final Proc p = liveProc(pid);
        final Action old = action(p, sig);
        final TreeSet<Integer> mask = new TreeSet<>(act.mask);
        mask.remove(KILL);
        mask.remove(STOP);
        final int flags = sig == CHLD ? act.flags : act.flags & ~NOCLDSTOP;
        p.actions.put(sig, new Action(act.handler, mask, flags));
        if (ignored(p, sig)) {
            p.pending.remove(sig);
            p.queues.remove(sig);
            for (final Thr t : live(p)) {
                t.pending.remove(sig);
                t.queues.remove(sig);
            }
        }
        return old;
    }

    Action action(final Proc p, final int sig) {
        final Action a = p.actions.get(sig);
        return a == null ? new Action(0, new TreeSet<>(), 0) : a;
    }

    // ------------------------------------------------------------ lifecycle

    int fork(final int pid, final int tid) {
        final Proc p = liveProc(pid);
        final Thr f = own(p, tid);
        final Proc c = new Proc();
        c.pid = nextPid++;
        c.ruid = p.ruid;
        c.suid = p.suid;
        c.actions.putAll(p.actions);
        c.parent = p;
        procs.put(c.pid, c);
        c.main = newThread(c, f.mask);
        return c.pid;
    }

    void exec(final int pid, final int tid) {
        final Proc p = liveProc(pid);
        final Thr e = own(p, tid);
        for (final Thr t : live(p)) {
            if (t != e) {
                t.alive = false;
            }
        }
        p.main = e;
        for (final Map.Entry<Integer, Action> a : new ArrayList<>(p.actions.entrySet())) {
            if (a.getValue().handler != 0 && a.getValue().handler != 1) {
                p.actions.remove(a.getKey());
            }
        }
    }

    void exitThread(final int tid) {
        final Thr t = thr(tid);
        t.alive = false;
        final Proc p = t.proc;
        final List<Thr> rest = live(p);
        if (rest.isEmpty()) {
            ended(p);
        } else if (p.main == t) {
            p.main = rest.stream().min((a, b) -> Integer.compare(a.tid, b.tid)).get();
        }
    }

    void exitProcess(final int pid) {
        final Proc p = liveProc(pid);
        for (final Thr t : p.threads) {
            t.alive = false;
        }
        ended(p);
    }

    /** POSIX: an ended child stays a zombie until waited for (never, here) or until its parent ends. */
    private void ended(final Proc p) {
        p.alive = false;
        p.zombie = p.parent != null;
        for (final Proc c : procs.values()) {
            if (c.parent == p) {
                c.parent = null;
                c.zombie = false;
            }
        }
    }

    // ------------------------------------------------------------ inhibit

    void inhibit(final int tid) {
        thr(tid).inhibit++;
    }

    boolean allow(final int tid) {
        final Thr t = thr(tid);
        if (t.inhibit == 0) {
            throw new Failure("IllegalStateException");
        }
        t.inhibit--;
        return t.inhibit == 0 && deliverableOf(t) != 0;
    }

    boolean deliveryDue(final int tid) {
        final Thr t = thr(tid);
        return t.inhibit == 0 && deliverableOf(t) != 0;
    }
}
