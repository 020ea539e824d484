package dev.sigpage.frames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Delivery and restore of signal frames on x86-64, AArch64 and RISC-V 64.
 *
 * <p>Placement, per FRAMES.md ({@code sp} is the interrupted stack pointer, arithmetic modulo 2^64):
 * <pre>
 * seed  x86-64:    t = (rsp - 15) &amp; ~1            f = (t - 168) &amp; ~15      rsp at entry = f   (f % 16 == 0)
 * fixed x86-64:    t = ((rsp - 128) &amp; ~15) - 16   f = t - 168               rsp at entry = f   (f % 16 == 8)
 * AArch64 (both):  f = (sp - 312) &amp; ~15          t = f + 296
 * RISC-V (both):   f = (sp - 304) &amp; ~15          t = f + 288
 * </pre>
 * The fixed x86-64 frame skips the 128-byte red zone (defect 3) and sits 8 bytes off a 16-byte boundary, as if
 * {@code call} had pushed the return address (defect 2); its trampoline passes {@code rsp - 8}, the frame
 * (defect 1). With a restorer nothing executable is written, and the frame stays where it would otherwise be.
 *
 * <p>The {@link Variant#LINUX linux} variant builds Linux's {@code rt_sigframe} instead, with the inputs of the
 * request's {@link LinuxSignalContext}; its placement, entry registers and restore are in FRAMES.md's linux section.
 */
public final class SignalFrames {
    private static final long X86_64_RED_ZONE = 128;
    private static final long STACK_ALIGNMENT = 16;
    private static final long SEED_X86_64_TRAMPOLINE_ALIGNMENT = 2;

    private SignalFrames() {}

    /**
     * Delivers a signal: computes the frame, the trampoline, the entry registers and the handler's mask.
     * Nothing is stored anywhere; apply {@link Delivery#writes()} (for instance with {@link UserMemory#apply}).
     *
     * @param request a validated request
     * @return the delivery
     * @throws IllegalArgumentException if the stack pointer leaves no room for the frame above address 0
     */
    public static Delivery deliver(final DeliveryRequest request) {
        if (request.variant() == Variant.LINUX) {
            return LinuxFrames.deliver(request);
        }
        switch (request.arch()) {
            case X86_64:
                return deliverX86(request);
            default:
                return deliverTrailing(request);
        }
    }

    /**
     * Delivers into user memory as a kernel does: every byte the delivery stores must be mapped, or the delivery
     * is refused (a kernel sends SIGSEGV) and memory is left exactly as it was.
     *
     * @param request a validated request
     * @param memory  user memory; written only when the whole delivery fits in mapped bytes
     * @return the delivery, already applied to {@code memory}
     * @throws FrameRefusedException naming {@code address}, the first byte that is not mapped, or the field that
     *                               makes the frame impossible to build
     */
    public static Delivery deliverInto(final DeliveryRequest request, final UserMemory memory) {
        final Delivery d = deliver(request);
        for (final MemoryWrite w : d.writes()) {
            final OptionalLong missing = memory.firstUnmapped(w.address(), w.length());
            if (missing.isPresent()) {
                throw new FrameRefusedException(
                        "frame memory must be mapped (a kernel sends SIGSEGV)", "address", missing.getAsLong());
            }
        }
        memory.apply(d);
        return d;
    }

    private static Delivery deliverX86(final DeliveryRequest r) {
        final RegisterFile regs = r.registers();
        final long rsp = regs.get("rsp");
        final int frameLength = X86_64FrameDescriptor.FRAME_LENGTH;
        final long trampoline;
        final long frame;
        final long entryFlags;
        final long handlerMask;
        final long sigreturnArgument;
        final byte[] code;
        if (r.variant() == Variant.SEED) {
            requireRoom(rsp, X86_64Trampoline.SEED_LENGTH + 1 + frameLength + STACK_ALIGNMENT);
            trampoline = (rsp - X86_64Trampoline.SEED_LENGTH) & -SEED_X86_64_TRAMPOLINE_ALIGNMENT;
            frame = (trampoline - frameLength) & -STACK_ALIGNMENT;
            entryFlags = (regs.get("rflags") & ~UserState.X86_64_DF) | UserState.X86_64_IF;
            handlerMask = handlerMask(r);
            sigreturnArgument = frame + FrameField.LENGTH;
            code = X86_64Trampoline.encode(Variant.SEED, Variant.DEFAULT_SIGRETURN_NR);
        } else {
            requireRoom(rsp, X86_64_RED_ZONE + STACK_ALIGNMENT + X86_64Trampoline.FIXED_LENGTH + frameLength);
            trampoline = ((rsp - X86_64_RED_ZONE) & -STACK_ALIGNMENT) - X86_64Trampoline.FIXED_LENGTH;
            frame = trampoline - frameLength;
            entryFlags = (regs.get("rflags") & ~(UserState.X86_64_DF | UserState.X86_64_TF | UserState.X86_64_RF))
                    | UserState.X86_64_IF;
            handlerMask = handlerMask(r);
            sigreturnArgument = frame;
            code = r.restorer().isPresent() ? null : X86_64Trampoline.encode(Variant.FIXED, r.sigreturnNr());
        }
        final long returnAddress = r.restorer().orElse(trampoline);
        final Map<String, Long> entry = new LinkedHashMap<>();
        entry.put("rip", r.handler());
        entry.put("rsp", frame);
        entry.put("rdi", (long) r.signal());
        entry.put("rflags", entryFlags);
        return assemble(
                r, frame, encodeFrame(r, returnAddress), trampoline, code, entry, handlerMask, sigreturnArgument);
    }

    private static Delivery deliverTrailing(final DeliveryRequest r) {
        final Arch arch = r.arch();
        final RegisterFile regs = r.registers();
        final long sp = regs.get("sp");
        final int frameLength = arch.frameLength();
        final int trampolineLength = arch == Arch.AARCH64 ? Aarch64Trampoline.LENGTH : Riscv64Trampoline.LENGTH;
        requireRoom(sp, frameLength + trampolineLength + STACK_ALIGNMENT);
        final long frame = (sp - frameLength - trampolineLength) & -STACK_ALIGNMENT;
        final long trampoline = frame + frameLength;
        final long returnAddress = r.restorer().orElse(trampoline);
        final byte[] code = r.restorer().isPresent() ? null : Trampolines.encode(arch, r.variant(), r.sigreturnNr());
        // Defect 5: the seed leaves the mask unchanged on AArch64 and RISC-V.
        final long handlerMask = r.variant() == Variant.SEED ? r.mask() : handlerMask(r);
        final long sigreturnArgument =
                arch == Arch.AARCH64 && r.variant() == Variant.SEED ? Variant.DEFAULT_SIGRETURN_NR : frame;
        final Map<String, Long> entry = new LinkedHashMap<>();
        final boolean a64 = arch == Arch.AARCH64;
        entry.put("pc", r.handler());
        entry.put("sp", frame);
        entry.put(a64 ? "x0" : "a0", (long) r.signal());
        entry.put(a64 ? "x1" : "a1", frame);
        entry.put(a64 ? "x30" : "ra", returnAddress);
        return assemble(
                r, frame, encodeFrame(r, returnAddress), trampoline, code, entry, handlerMask, sigreturnArgument);
    }

    /** The mask while the handler runs: the delivered signal blocked, KILL and STOP never, in the variant's bits. */
    private static long handlerMask(final DeliveryRequest r) {
        final Variant v = r.variant();
        return (r.mask() | v.maskBit(r.signal())) & ~v.unblockableBits();
    }

    private static void requireRoom(final long sp, final long needed) {
        if (Long.compareUnsigned(sp, needed) < 0) {
            throw new IllegalArgumentException(
                    "stack pointer must leave " + needed + " bytes for the frame above address 0: sp=" + Hex.of(sp));
        }
    }

    private static byte[] encodeFrame(final DeliveryRequest r, final long returnAddress) {
        final Arch arch = r.arch();
        final List<FrameField> fields = arch.frameFields();
        final byte[] frame = new byte[arch.frameLength()];
        ByteSink.putLong(frame, fields.get(0).offset(), returnAddress);
        ByteSink.putLong(frame, fields.get(1).offset(), r.signal());
        ByteSink.putLong(frame, fields.get(2).offset(), r.mask());
        for (int i = FrameLayoutBuilder.HEADER_FIELDS; i < fields.size(); i++) {
            ByteSink.putLong(
                    frame,
                    fields.get(i).offset(),
                    r.registers().get(fields.get(i).name()));
        }
        return frame;
    }

    private static Delivery assemble(
            final DeliveryRequest r,
            final long frame,
            final byte[] frameBytes,
            final long trampoline,
            final byte[] code,
            final Map<String, Long> entry,
            final long handlerMask,
            final long sigreturnArgument) {
        final List<MemoryWrite> stores = new ArrayList<>();
        stores.add(new MemoryWrite(frame, frameBytes));
        if (code != null) {
            stores.add(new MemoryWrite(trampoline, code));
        }
        final List<MemoryWrite> misdirected = new ArrayList<>();
        if (r.variant() == Variant.SEED) {
            for (final MemoryWrite s : stores) {
                misdirected.addAll(pastFirstPage(s));
            }
        }
        return new Delivery(
                r.arch(),
                r.variant(),
                r.signal(),
                frame,
                mergeRuns(stores),
                entry,
                handlerMask,
                sigreturnArgument,
                mergeRuns(misdirected));
    }

    private static List<MemoryWrite> pastFirstPage(final MemoryWrite store) {
        final long nextPage = (store.address() | (UserMemory.PAGE_SIZE - 1)) + 1;
        final long inFirstPage = nextPage - store.address();
        if (nextPage == 0 || inFirstPage >= store.length()) {
            return List.of();
        }
        final byte[] bytes = store.bytes();
        final byte[] tail = new byte[bytes.length - (int) inFirstPage];
        System.arraycopy(bytes, (int) inFirstPage, tail, 0, tail.length);
        return List.of(new MemoryWrite(nextPage, tail));
    }

    /** Sorts runs by address and joins runs that touch. The runs given never overlap. */
    static List<MemoryWrite> mergeRuns(final List<MemoryWrite> runs) {
        final List<MemoryWrite> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        final List<MemoryWrite> merged = new ArrayList<>();
        for (final MemoryWrite w : sorted) {
            if (!merged.isEmpty()) {
                final MemoryWrite last = merged.get(merged.size() - 1);
                if (last.address() + last.length() == w.address()) {
                    final byte[] joined = new byte[last.length() + w.length()];
                    System.arraycopy(last.bytes(), 0, joined, 0, last.length());
                    System.arraycopy(w.bytes(), 0, joined, last.length(), w.length());
                    merged.set(merged.size() - 1, new MemoryWrite(last.address(), joined));
                    continue;
                }
            }
            merged.add(w);
        }
        return merged;
    }

    /**
     * Restores the interrupted state from a frame in user memory, reading at exactly {@code framePointer} (the
     * value the trampoline passes to sigreturn) in both variants.
     *
     * <p>Defect 7 is never reproduced: a frame whose program counter is outside the user half, or whose flags
     * would grant privileges (x86-64 IOPL or VM; AArch64 AArch32, an exception level other than EL0t, or D, A, I,
     * F masked; RISC-V SIE, SPP, SUM or MXR), is refused. Defect 8 is not reproduced either: the frame is read
     * across page boundaries at its virtual addresses, and a byte that is not mapped refuses the restore.
     *
     * @param arch         the architecture
     * @param variant      the variant: decides which mask bits are SIGKILL and SIGSTOP
     * @param memory       user memory; not modified
     * @param framePointer the address of the frame's first field, as the trampoline passes it
     * @return the registers and the mask
     * @throws FrameRefusedException naming the field and value: {@code framePointer} if the frame would wrap past
     *                               the top of the address space, {@code address} for the first byte that is not
     *                               mapped, or the register whose saved value is refused
     */
    public static RestoredContext restore(
            final Arch arch, final Variant variant, final UserMemory memory, final long framePointer) {
        return restore(arch, variant, memory, framePointer, LinuxSignalContext.defaults());
    }

    /**
     * Restores as {@link #restore(Arch, Variant, UserMemory, long)}; the linux variant does what
     * {@code rt_sigreturn} does on the arch, and reads the machine's x86-64 XSAVE features from {@code linux}.
     * Its {@code framePointer} is the frame address F (the handler's stack pointer at entry; x86-64's
     * rt_sigreturn finds it at {@code rsp - 8} after the handler's {@code ret}).
     *
     * @param arch         the architecture
     * @param variant      the variant
     * @param memory       user memory; not modified
     * @param framePointer the frame's address
     * @param linux        the machine's features (linux variant only)
     * @return the registers and the mask
     * @throws FrameRefusedException naming the field and value the kernel would answer with SIGSEGV
     */
    public static RestoredContext restore(
            final Arch arch,
            final Variant variant,
            final UserMemory memory,
            final long framePointer,
            final LinuxSignalContext linux) {
        if (variant == Variant.LINUX) {
            return LinuxFrames.restore(arch, memory, framePointer, linux);
        }
        final int length = arch.frameLength();
        if (Long.compareUnsigned(framePointer, -(long) length) > 0) {
            throw new FrameRefusedException(
                    "frame must end below the top of the address space", "framePointer", framePointer);
        }
        final OptionalLong missing = memory.firstUnmapped(framePointer, length);
        if (missing.isPresent()) {
            throw new FrameRefusedException("frame memory must be mapped", "address", missing.getAsLong());
        }
        final byte[] frame = memory.read(framePointer, length);
        final List<FrameField> fields = arch.frameFields();
        final long[] values = new long[fields.size() - FrameLayoutBuilder.HEADER_FIELDS];
        for (int i = FrameLayoutBuilder.HEADER_FIELDS; i < fields.size(); i++) {
            final FrameField f = fields.get(i);
            final long saved = ByteSink.getLong(frame, f.offset());
            final String rule = UserState.refusal(arch, f.name(), saved);
            if (rule != null) {
                throw new FrameRefusedException(rule, f.name(), saved);
            }
            values[i - FrameLayoutBuilder.HEADER_FIELDS] = UserState.restoredValue(arch, f.name(), saved);
        }
        final long savedMask = ByteSink.getLong(frame, fields.get(2).offset());
        return new RestoredContext(RegisterFile.of(arch, values), savedMask & ~variant.unblockableBits());
    }
}
