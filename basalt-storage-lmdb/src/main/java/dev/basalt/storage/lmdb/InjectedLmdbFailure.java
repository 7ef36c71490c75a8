package dev.basalt.storage.lmdb;

/** A failure the tests make the writer report as if LMDB had returned {@link #errno}. */
final class InjectedLmdbFailure extends RuntimeException {

    final int errno;

    InjectedLmdbFailure(int errno) {
        super("injected LMDB failure " + errno, null, false, false);
        this.errno = errno;
    }
}
