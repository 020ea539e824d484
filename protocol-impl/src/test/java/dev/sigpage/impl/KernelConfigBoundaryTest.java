package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Both ends of every kernel setting: realtime queue depth 1..65536, threads per process 1..65536, and the REDOX
 * profile's default-handler address 2..2^57-1 (0 and 1 are SIG_DFL and SIG_IGN; bits 57-63 of an action word are
 * flags).
 */
class KernelConfigBoundaryTest {

    @Test
    void realtimeQueueDepthOneAnd65536AreAccepted() {
        assertEquals(1, KernelConfig.defaults().withRealtimeQueueDepth(1).realtimeQueueDepth());
        assertEquals(
                65536, KernelConfig.defaults().withRealtimeQueueDepth(65536).realtimeQueueDepth());
    }

    @Test
    void realtimeQueueDepthZeroAnd65537AreRefusedByValue() {
        final KernelConfig config = KernelConfig.defaults();
        assertEquals(
                "realtime queue depth must be in 1..65536: depth=0",
                assertThrows(IllegalArgumentException.class, () -> config.withRealtimeQueueDepth(0))
                        .getMessage());
        assertEquals(
                "realtime queue depth must be in 1..65536: depth=65537",
                assertThrows(IllegalArgumentException.class, () -> config.withRealtimeQueueDepth(65537))
                        .getMessage());
    }

    @Test
    void threadsPerProcessOneAnd65536AreAccepted() {
        assertEquals(1, KernelConfig.defaults().withMaxThreadsPerProcess(1).maxThreadsPerProcess());
        assertEquals(
                65536, KernelConfig.defaults().withMaxThreadsPerProcess(65536).maxThreadsPerProcess());
    }

    @Test
    void threadsPerProcessZeroAnd65537AreRefusedByValue() {
        final KernelConfig config = KernelConfig.defaults();
        assertEquals(
                "threads per process must be in 1..65536: maxThreadsPerProcess=0",
                assertThrows(IllegalArgumentException.class, () -> config.withMaxThreadsPerProcess(0))
                        .getMessage());
        assertEquals(
                "threads per process must be in 1..65536: maxThreadsPerProcess=65537",
                assertThrows(IllegalArgumentException.class, () -> config.withMaxThreadsPerProcess(65537))
                        .getMessage());
    }

    @Test
    void defaultHandlerAddressTwoAndTwoToThe57MinusOneAreAccepted() {
        assertEquals(2L, KernelConfig.defaults().withRedoxDefaultHandler(2).redoxDefaultHandler());
        assertEquals(
                0x01FF_FFFF_FFFF_FFFFL,
                KernelConfig.defaults()
                        .withRedoxDefaultHandler(0x01FF_FFFF_FFFF_FFFFL)
                        .redoxDefaultHandler());
    }

    @Test
    void defaultHandlerAddressOneAndTwoToThe57AreRefusedByValue() {
        final KernelConfig config = KernelConfig.defaults();
        assertEquals(
                "default handler address must be in 2..2^57-1: redoxDefaultHandler=0x1",
                assertThrows(IllegalArgumentException.class, () -> config.withRedoxDefaultHandler(1))
                        .getMessage());
        assertEquals(
                "default handler address must be in 2..2^57-1: redoxDefaultHandler=0x200000000000000",
                assertThrows(IllegalArgumentException.class, () -> config.withRedoxDefaultHandler(1L << 57))
                        .getMessage());
    }

    /** The codec, public on its own (a dump printer builds one from a page), checks the same range itself. */
    @Test
    void redoxActionCodecTakesDefaultHandlerAddressesTwoToTwoToThe57MinusOneOnly() {
        assertEquals(2L, new RedoxActionCodec(2).defaultHandler());
        assertEquals(0x01FF_FFFF_FFFF_FFFFL, new RedoxActionCodec(0x01FF_FFFF_FFFF_FFFFL).defaultHandler());
        assertEquals(
                "default handler address must be in 2..2^57-1: defaultHandler=0x1",
                assertThrows(IllegalArgumentException.class, () -> new RedoxActionCodec(1))
                        .getMessage());
        assertEquals(
                "default handler address must be in 2..2^57-1: defaultHandler=0x200000000000000",
                assertThrows(IllegalArgumentException.class, () -> new RedoxActionCodec(1L << 57))
                        .getMessage());
    }
}
