/**
 * The shared signal pages as off-heap Agrona buffers, their lock-free operations, and the kernel model.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.sigpage.impl {
    requires transitive dev.sigpage.api;
    requires transitive org.agrona;
    requires transitive dev.sigpage.frames;

    exports dev.sigpage.impl;
    exports dev.sigpage.impl.engine;
}
