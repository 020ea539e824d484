package dev.sigpage.impl.engine;

import dev.sigpage.frames.FrameMemory;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A machine's mapped user memory as {@code arch-frames} reads and writes frames: its mappings (the stack first,
 * then any alternate signal stacks), a range being mapped when one mapping holds all of it. The mapping that
 * served the last access is tried first, so a delivery on one stack finds it with one range check. Used by its
 * thread only.
 */
final class MappedMemory implements FrameMemory {
    private final List<UserStack> mappings = new ArrayList<>();
    private UserStack last;

    MappedMemory(final UserStack stack) {
        mappings.add(stack);
        last = stack;
    }

    void map(final UserStack mapping) {
        mappings.add(mapping);
    }

    /** @return the mappings, the stack first */
    List<UserStack> mappings() {
        return List.copyOf(mappings);
    }

    /** @return the mapping that holds the whole range, or null */
    UserStack mappingOf(final long address, final long length) {
        if (last.contains(address, length)) {
            return last;
        }
        for (int i = 0; i < mappings.size(); i++) {
            final UserStack m = mappings.get(i);
            if (m.contains(address, length)) {
                last = m;
                return m;
            }
        }
        return null;
    }

    @Override
    public boolean isMapped(final long address, final int length) {
        return mappingOf(address, length) != null;
    }

    @Override
    public long getLong(final long address) {
        final UserStack m = last;
        final long index = address - m.base();
        if (index >= 0 && index <= m.size() - Long.BYTES) {
            // the common case: inside the mapping isMapped just found; the buffer checks its bounds again.
            return m.buffer().getLong((int) index, ByteOrder.LITTLE_ENDIAN);
        }
        return holder(address, Long.BYTES).getLong(address);
    }

    @Override
    public void putLong(final long address, final long value) {
        final UserStack m = last;
        final long index = address - m.base();
        if (index >= 0 && index <= m.size() - Long.BYTES) {
            m.buffer().putLong((int) index, value, ByteOrder.LITTLE_ENDIAN);
            return;
        }
        holder(address, Long.BYTES).putLong(address, value);
    }

    @Override
    public void putLongs(final long address, final long[] values, final int from, final int count) {
        final UserStack m = last;
        final long index = address - m.base();
        if (index >= 0 && index <= m.size() - (long) count * Long.BYTES && (index & (Long.BYTES - 1)) == 0) {
            // an aligned run inside the mapping the range check found: one bulk copy.
            m.words().put((int) (index / Long.BYTES), values, from, count);
            return;
        }
        final UserStack h = holder(address, count * Long.BYTES);
        for (int i = 0; i < count; i++) {
            h.putLong(address + (long) i * Long.BYTES, values[from + i]);
        }
    }

    @Override
    public void getLongs(final long address, final long[] values, final int from, final int count) {
        final UserStack m = last;
        final long index = address - m.base();
        if (index >= 0 && index <= m.size() - (long) count * Long.BYTES && (index & (Long.BYTES - 1)) == 0) {
            m.words().get((int) (index / Long.BYTES), values, from, count);
            return;
        }
        final UserStack h = holder(address, count * Long.BYTES);
        for (int i = 0; i < count; i++) {
            values[from + i] = h.getLong(address + (long) i * Long.BYTES);
        }
    }

    @Override
    public void putBytes(final long address, final byte[] bytes) {
        holder(address, bytes.length).write(address, bytes);
    }

    private UserStack holder(final long address, final int length) {
        final UserStack m = mappingOf(address, length);
        if (m == null) {
            throw new IndexOutOfBoundsException("range must be mapped: address=0x" + Long.toHexString(address));
        }
        return m;
    }
}
