/**
 * The protocol vocabulary of sigpage: signal numbers, sets, sigaction and siginfo values, error codes, the
 * interfaces of the kernel side and the thread side, and the layout descriptors of the shared pages.
 */
module dev.sigpage.api {
    exports dev.sigpage.api;
}
