package dev.sigpage.conformance.gvisor;

import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Suite;
import java.util.List;

/** gVisor's {@code alarm.cc} and {@code signalfd.cc}: interfaces the engine does not have, listed with the reason. */
final class NotModelled {
    private static final String TIMERS = "timers (alarm): the engine has no timer that sends signals";
    private static final String SIGNALFD = "signalfd: the engine has no file descriptors";

    private NotModelled() {}

    static void addTo(final List<Case> out) {
        final Cases alarm = new Cases(Suite.GVISOR, "alarm", out);
        alarm.notApplicable("Interrupt", "SIGALRM from alarm interrupts a blocked read with EINTR", TIMERS);
        alarm.notApplicable("Restart", "with SA_RESTART the read interrupted by alarm's SIGALRM restarts", TIMERS);
        alarm.notApplicable("SaSiginfo", "alarm's SIGALRM reaches an SA_SIGINFO handler with SI_KERNEL", TIMERS);
        alarm.notApplicable(
                "SaInterrupt",
                "alarm's SIGALRM interrupts a blocked read of a handler without" + " SA_RESTART",
                TIMERS);
        alarm.notApplicable(
                "UserModeSpinning",
                "alarm's SIGALRM interrupts a thread spinning in user mode",
                TIMERS + "; and Java code is never pre-empted");

        final Cases fd = new Cases(Suite.GVISOR, "signalfd", out);
        for (final String[] t : new String[][] {
            {"Basic", "a blocked signal is read from a signalfd"},
            {"MaskWorks", "a signalfd reports only the signals of its mask"},
            {"Cloexec", "SFD_CLOEXEC sets close-on-exec on the descriptor"},
            {"Blocking", "a read of a signalfd blocks until a signal of its mask is pending"},
            {"ThreadGroup", "a process-directed signal is readable from a signalfd of another thread"},
            {"Nonblock", "an empty non-blocking signalfd read fails with EAGAIN"},
            {"SetMask", "signalfd on an existing descriptor replaces its mask"},
            {"Poll", "poll reports a signalfd readable once a signal is pending"},
            {"Ppoll", "ppoll with a signal mask wakes for a signalfd"},
            {"KillStillKills", "SIGKILL kills even with a signalfd open for it"},
            {"RtQueueDeliversPayload", "queued realtime signals read from a signalfd carry their values"},
        }) {
            fd.notApplicable(t[0], t[1], SIGNALFD);
        }
    }
}
