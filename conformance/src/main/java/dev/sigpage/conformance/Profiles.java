package dev.sigpage.conformance;

import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.KernelConfig;
import dev.sigpage.impl.engine.Engine;
import dev.sigpage.impl.engine.WaitStrategy;
import java.util.List;

/** The profiles the runner knows, by name. */
public final class Profiles {
    /** POSIX as the engine implements it: the default kernel configuration, park/unpark waits. */
    public static final ConformanceProfile POSIX = new ConformanceProfile() {
        @Override
        public String name() {
            return "posix";
        }

        @Override
        public Engine newEngine() {
            return new Engine();
        }
    };

    /**
     * POSIX again, with blocked threads polling (Agrona back-off) instead of parking: the same rules over the
     * engine's other wait path.
     */
    public static final ConformanceProfile POSIX_BACKOFF = new ConformanceProfile() {
        @Override
        public String name() {
            return "posix-backoff";
        }

        @Override
        public Engine newEngine() {
            return new Engine(new Kernel(), WaitStrategy.backoff());
        }
    };

    /**
     * Redox as it runs: an engine over a kernel with the library's {@code REDOX} profile (park/unpark waits); its
     * departures from the assertions are {@link RedoxDeviations}.
     */
    public static final ConformanceProfile REDOX = new ConformanceProfile() {
        @Override
        public String name() {
            return "redox";
        }

        @Override
        public Engine newEngine() {
            return new Engine(
                    new Kernel(KernelConfig.defaults().withProfile(dev.sigpage.impl.Profile.REDOX)),
                    WaitStrategy.park());
        }

        @Override
        public Deviation deviation(final Case c) {
            return RedoxDeviations.of(c);
        }
    };

    private static final List<ConformanceProfile> ALL = List.of(POSIX, POSIX_BACKOFF, REDOX);

    private Profiles() {}

    /** @return every profile */
    public static List<ConformanceProfile> all() {
        return ALL;
    }

    /**
     * The profile of a name.
     *
     * @param name e.g. {@code posix}
     * @return the profile
     * @throws IllegalArgumentException naming the value if there is none
     */
    public static ConformanceProfile byName(final String name) {
        for (final ConformanceProfile p : ALL) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("profile must be one of "
                + ALL.stream().map(ConformanceProfile::name).toList() + ": profile=" + name);
    }
}
