package dev.sigpage.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.KernelConfig;
import dev.sigpage.impl.engine.Engine;
import dev.sigpage.impl.engine.UserThread;
import dev.sigpage.impl.engine.WaitStrategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner and the report: each outcome is reachable, and a broken scenario or a hung one is caught. */
class RunnerTest {
    private static final Runner RUNNER = new Runner(Profiles.POSIX);

    private static Case only(final CaseBody s, final String fragment) {
        final List<Case> out = new ArrayList<>();
        final Cases.Entry e = new Cases(Suite.OPTS, "runner", out).test("1", "a scenario of the runner's own test", s);
        if (fragment != null) {
            e.failsWith(fragment);
        }
        return out.get(0);
    }

    @Test
    void aScenarioThatChecksAWrongOutcomeFails() {
        // the engine runs the handler; a scenario expecting no handler must be reported as failed.
        final Result r = RUNNER.run(only(
                lab -> lab.runOk(sys -> {
                    final Events ev = new Events();
                    sys.sigaction(Signals.SIGUSR1, Sigs.recording(ev), SignalSet.empty(), 0);
                    sys.raise(Signals.SIGUSR1);
                    Check.eq(0, ev.size(), "handlers");
                }),
                null));
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.detail().contains("handlers: expected 0, got 1"), r.detail());
    }

    @Test
    void aFailureInsideAModelThreadReachesTheCase() {
        final Result r = RUNNER.run(only(
                lab -> lab.runOk(
                        sys -> Check.fails(Errno.EINVAL, () -> sys.kill(sys.pid(), 0), "kill with the null signal")),
                null));
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.detail().contains("expected EINVAL, the call succeeded"), r.detail());
    }

    @Test
    void aKnownFailureMustFailInTheDocumentedWay() {
        final CaseBody failing = lab -> Check.that(false, "the documented deviation");
        assertEquals(
                Outcome.KNOWN_FAILURE,
                RUNNER.run(only(failing, "documented deviation")).outcome());
        assertEquals(
                Outcome.FAILED, RUNNER.run(only(failing, "another message")).outcome());
        final Result fixed = RUNNER.run(only(lab -> {}, "documented deviation"));
        assertEquals(Outcome.FAILED, fixed.outcome());
        assertTrue(fixed.detail().contains("no longer happens"), fixed.detail());
    }

    @Test
    void aThreadThatNeverBlocksFailsTheHandOffInsteadOfHanging() {
        final Result r = RUNNER.run(only(
                lab -> {
                    final UserThread t = lab.start(sys -> {});
                    lab.blocked(t);
                },
                null));
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.detail().contains("thread must block"), r.detail());
    }

    @Test
    void aKernelWithAOneEntryRealtimeQueueIsCaughtByTheQueueingCases() {
        // a mis-configured library (a realtime queue of depth 1): the cases that queue several instances must fail.
        final ConformanceProfile shallow = new ConformanceProfile() {
            @Override
            public String name() {
                return "shallow-queue";
            }

            @Override
            public Engine newEngine() {
                return new Engine(new Kernel(KernelConfig.defaults().withRealtimeQueueDepth(1)), WaitStrategy.park());
            }
        };
        final Runner runner = new Runner(shallow);
        for (final String id : List.of("opts.sigaction.29", "opts.sigqueue.4", "opts.sigwait.2")) {
            final Case c = Catalogue.all().stream()
                    .filter(k -> k.id().toString().equals(id))
                    .findFirst()
                    .orElseThrow();
            assertEquals(Outcome.PASSED, RUNNER.run(c).outcome(), id + " under POSIX");
            assertEquals(Outcome.FAILED, runner.run(c).outcome(), id + " with a one-entry queue");
        }
    }

    @Test
    void anEngineThatNoLongerActsOnSigkillAndSigcontAtSendTimeIsCaught() {
        // the engine with its send hook removed: a stopped process is continued only when it takes SIGCONT, which
        // a stopped process never does. Six cases catch it; this one fails after its 5 s hand-off bound.
        final ConformanceProfile noSendHook = new ConformanceProfile() {
            @Override
            public String name() {
                return "no-send-hook";
            }

            @Override
            public Engine newEngine() {
                final Engine e = new Engine();
                e.kernel().sendHook(null);
                return e;
            }
        };
        final Case c = Catalogue.all().stream()
                .filter(k -> k.id().toString().equals("opts.sigsuspend.5"))
                .findFirst()
                .orElseThrow();
        assertEquals(Outcome.PASSED, RUNNER.run(c).outcome(), "under POSIX");
        final Result r = new Runner(noSendHook).run(c);
        assertEquals(Outcome.FAILED, r.outcome(), "without the send hook");
        assertTrue(r.detail().contains("process must end within"), r.detail());
    }

    @Test
    void aProfileNamesItsOwnDeviations() {
        // the hook a Redox profile uses: it expects opts.raise.2 to fail with a message of its own.
        final ConformanceProfile deviating = new ConformanceProfile() {
            @Override
            public String name() {
                return "deviating";
            }

            @Override
            public Engine newEngine() {
                return new Engine();
            }

            @Override
            public String knownFailure(final Case c) {
                return c.id().toString().equals("opts.raise.2") ? "order for SIGHUP" : c.knownFailure();
            }
        };
        final Case c = Catalogue.all().stream()
                .filter(k -> k.id().toString().equals("opts.raise.2"))
                .findFirst()
                .orElseThrow();
        final Result r = new Runner(deviating).run(c);
        assertEquals(Outcome.FAILED, r.outcome(), "the engine passes, so the expected deviation is reported");
        assertTrue(r.detail().contains("no longer happens"), r.detail());
    }

    @Test
    void aDeviationOfThePlatformMustHappenAsDocumented() {
        // a platform profile that documents a deviation for every case: a scenario failing with the documented
        // message deviates; one failing otherwise is a failure with its own message; one that passes is a failure
        // saying the deviation no longer happens.
        final List<Case> cases = new ArrayList<>();
        final Cases k = new Cases(Suite.OPTS, "deviation", cases);
        k.test("1", "a scenario that fails as the platform documents", lab -> Check.that(false, "platform rule"));
        k.test("2", "a scenario that fails otherwise than documented", lab -> Check.that(false, "something else"));
        k.test("3", "a scenario that passes although a deviation is documented", lab -> {});
        final ConformanceProfile platform = new ConformanceProfile() {
            @Override
            public String name() {
                return "platform";
            }

            @Override
            public Engine newEngine() {
                return new Engine();
            }

            @Override
            public Deviation deviation(final Case c) {
                return new Deviation("platform rule", "the platform does something else", "the platform's rule 7");
            }
        };
        final List<Result> results = new Runner(platform).runAll(cases);
        assertEquals(Outcome.DEVIATES, results.get(0).outcome(), results.get(0).detail());
        assertEquals(Outcome.FAILED, results.get(1).outcome());
        assertTrue(
                results.get(1).detail().contains("something else"),
                results.get(1).detail());
        assertEquals(Outcome.FAILED, results.get(2).outcome());
        assertTrue(
                results.get(2).detail().contains("no longer happens"),
                results.get(2).detail());
        final String md = MarkdownReport.markdown(platform, results);
        assertTrue(md.contains("| `deviation` | 3 | 3 | 0 | 2 | 0 | 1 | 0 | 0.0% |"), md);
        assertTrue(
                md.contains("- `opts.deviation.1`: POSIX asks: a scenario that fails as the platform documents."
                        + " **platform:** the platform does something else. **Rule:** the platform's rule 7."),
                md);
    }

    @Test
    void everyRedoxDeviationIsRedoxsOwn() {
        // Redox's deviations over a POSIX engine: every documented case passes there, so each is reported as a
        // deviation that no longer happens. A deviation that POSIX shared would be a catalogue or engine defect.
        final ConformanceProfile redoxRulesOverPosix = new ConformanceProfile() {
            @Override
            public String name() {
                return "redox-deviations-over-posix";
            }

            @Override
            public Engine newEngine() {
                return new Engine();
            }

            @Override
            public Deviation deviation(final Case c) {
                return RedoxDeviations.of(c);
            }
        };
        final List<Case> documented = Catalogue.all().stream()
                .filter(c -> RedoxDeviations.of(c) != null)
                .toList();
        assertEquals(RedoxDeviations.all().size(), documented.size());
        for (final Result r : new Runner(redoxRulesOverPosix).runAll(documented)) {
            assertEquals(Outcome.FAILED, r.outcome(), r.c().id().toString());
            assertTrue(r.detail().contains("no longer happens"), r.c().id() + ": " + r.detail());
        }
    }

    @Test
    void theReportCountsEachOutcome() {
        final List<Case> cases = new ArrayList<>();
        final Cases c = new Cases(Suite.GVISOR, "report", cases);
        c.test("Pass", "a scenario that passes for the report", lab -> {});
        c.test("Fail", "a scenario that fails for the report", lab -> Check.that(false, "boom"));
        c.notApplicable("Skip", "a scenario that cannot run for the report", "needs something absent");
        final String md = MarkdownReport.markdown(Profiles.POSIX, RUNNER.runAll(cases));
        assertTrue(md.contains("| `report` | 3 | 2 | 1 | 1 | 0 | 0 | 1 | 50.0% |"), md);
        assertTrue(md.contains("- `gvisor.report.Fail`: boom"), md);
        assertTrue(md.contains("**Reason:** needs something absent"), md);
    }
}
