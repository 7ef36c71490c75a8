package dev.basalt.engine.api;

/**
 * What {@code ALTER INSTANCE RELOAD TLS} calls: the server (which owns the listeners and their
 * certificate) rebuilds its TLS context from the current {@code ssl_cert}, {@code ssl_key},
 * {@code ssl_ca}, {@code tls_version} and {@code ssl_cipher} values. New connections use the new
 * context; connections already in TLS keep theirs.
 */
@FunctionalInterface
public interface TlsReloader {
    /**
     * @param rollbackOnError true (the default): on failure the old context stays in use and the
     *                        statement fails; false ({@code NO ROLLBACK ON ERROR}): on failure TLS
     *                        is switched off for new connections and only a warning is given
     * @return null on success, else the failure's text (ER_DA_SSL_LIBRARY_ERROR's argument)
     */
    String reload(boolean rollbackOnError);
}
