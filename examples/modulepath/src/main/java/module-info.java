/**
 * A user's module: it requires sigpage's implementation module, which brings the API, the frames and Agrona.
 */
module dev.sigpage.example.modular {
    requires dev.sigpage.impl;
}
