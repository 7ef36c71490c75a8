package dev.basalt.server;

import java.util.Locale;

/**
 * Every server setting with its single name, from which the command-line flag, the environment
 * variable and the basalt.yaml key are derived, so help, parsing and docs cannot drift apart.
 */
public enum Setting {
    PORT("port", "PORT", "3306", "TCP port to listen on; 0 picks a free port."),
    BIND("bind", "ADDRESS", "127.0.0.1",
            "Address to listen on, e.g. 0.0.0.0 for all interfaces (then a root password is required)."),
    DATA_DIR("data-dir", "DIR", "./data",
            "Directory of the lmdb database. Relative paths are taken from the current directory "
                    + "(in basalt.yaml: from the file's directory)."),
    STORAGE("storage", "lmdb|memory|mysql|neon", "lmdb",
            "Storage engine: lmdb (on disk, crash-safe), memory (lost on exit), or mysql: passthrough, the whole "
                    + "server fronts the MySQL server named by the mysql-* settings; neon: a stateless compute over "
                    + "the WAL service and the page server (docs/disaggregated.md; neon-memory: the same over "
                    + "in-process stand-ins, for tests)."),
    ROOT_PASSWORD("root-password", "PASSWORD", "",
            "Password of the root account. Empty (no password) is allowed only on a loopback bind address. "
                    + "A flag is visible to other local users in the process list: prefer the variable or the file."),
    DURABILITY("durability", "wal|full|relaxed", "wal",
            "wal (default): every commit is synced to a write-ahead log before it is acknowledged and "
                    + "checkpointed into LMDB in the background; full: every commit is a synced LMDB commit "
                    + "(same guarantee, slower); relaxed: synced in the background shortly after (a crash may "
                    + "lose the last commits, never corrupt data)."),
    MAX_ALLOWED_PACKET("max-allowed-packet", "SIZE", "64M",
            "Largest client packet or statement, in bytes; accepts K, M and G suffixes (1K to 1G)."),
    AUTH_PLUGIN("auth-plugin", "PLUGIN", "caching_sha2_password",
            "Default authentication plugin offered to clients: caching_sha2_password or mysql_native_password."),
    MAX_CONNECTIONS("max-connections", "N", "151", "Most client connections open at once."),
    CONNECT_TIMEOUT("connect-timeout", "SECONDS", "10",
            "Seconds a client has from connecting to logged in, on the MySQL and PostgreSQL ports (2 to 31536000); "
                    + "sets @@global.connect_timeout, which SET GLOBAL changes later."),
    MAX_UNAUTHENTICATED_CONNECTIONS("max-unauthenticated-connections", "N", "64",
            "Connections still logging in at once, per port (MySQL, PostgreSQL); a new one beyond it closes the "
                    + "oldest unfinished login, so idle sockets cannot lock real clients out."),
    MIGRATE("migrate", null, "false",
            "Allow upgrading an lmdb data directory written by an older Basalt (refused without it)."),
    SECURE_FILE_PRIV("secure-file-priv", "DIR", "",
            "The only directory SELECT ... INTO OUTFILE / DUMPFILE and LOAD DATA INFILE may use on the server; "
                    + "empty (default): those statements are refused (error 1290)."),
    LOCAL_INFILE("local-infile", null, "false",
            "Allow LOAD DATA LOCAL INFILE (clients must allow it too); SET GLOBAL local_infile changes it later."),
    MYSQL_HOST("mysql-host", "HOST", "", "Passthrough (--storage mysql): host of the MySQL server to front."),
    MYSQL_PORT("mysql-port", "PORT", "3306", "Passthrough: port of the MySQL server to front."),
    MYSQL_USER("mysql-user", "USER", "root", "Passthrough: account Basalt logs in to the fronted server with."),
    MYSQL_PASSWORD("mysql-password", "PASSWORD", "",
            "Passthrough: that account's password. Prefer the variable or the file: a flag shows in the process list."),
    MYSQL_DATABASE("mysql-database", "DB", "",
            "Passthrough: default database for clients that name none (which databases they can see is up to "
                    + "the account's grants on the fronted server)."),
    MYSQL_CONNECT_TIMEOUT("mysql-connect-timeout", "SECONDS", "5",
            "Passthrough: how long connecting and logging in to the fronted server may take before the client "
                    + "gets error 1429."),
    MYSQL_SSL_MODE("mysql-ssl-mode", "MODE", "disabled",
            "Passthrough: TLS to the fronted server, as the mysql client's --ssl-mode: disabled, preferred, "
                    + "required, verify-ca or verify-identity (the certificate must name mysql-host). "
                    + "The mysql-ssl-* settings are also the TLS of virtual databases created in SQL."),
    MYSQL_SSL_CA("mysql-ssl-ca", "FILE", "",
            "Passthrough: PEM CA certificate(s) that verify-ca and verify-identity trust; empty: the JDK's trust store."),
    MYSQL_SSL_CERT("mysql-ssl-cert", "FILE", "",
            "Passthrough: PEM client certificate presented to the fronted server (accounts that REQUIRE X509); "
                    + "needs mysql-ssl-key and an ssl-mode other than disabled."),
    MYSQL_SSL_KEY("mysql-ssl-key", "FILE", "", "Passthrough: PEM private key of mysql-ssl-cert (unencrypted; PKCS#1, PKCS#8 or EC)."),
    MYSQL_SOCKET("mysql-socket", "PATH", "",
            "Passthrough: Unix socket of the fronted server when it runs on this machine, used instead of TCP "
                    + "(less kernel work per statement; no TLS on it); mysql-host still names it in messages."),
    MYSQL_MULTIPLEX("mysql-multiplex", "N", "0",
            "Passthrough: 0 (default): one backend connection per client; N: clients without session state "
                    + "share at most N backend connections between statements (state pins a client; docs/remote.md)."),
    REMOTE_CACHE_SIZE("remote-cache-size", "SIZE", "0",
            "Result cache for reads from a fronted MySQL server, in bytes (K, M, G suffixes); 0 turns it off. "
                    + "Writes through Basalt invalidate it exactly."),
    REMOTE_CACHE_TTL("remote-cache-ttl", "SECONDS", "10",
            "Longest a cached result is served: the bound on how long a write made directly on the remote "
                    + "(not through Basalt) can stay invisible."),
    REMOTE_CACHE_INVALIDATION("remote-cache-invalidation", "ttl|binlog", "ttl",
            "How the passthrough cache learns of writes made directly on the remote: ttl (only the TTL bounds them) "
                    + "or binlog (Basalt follows the remote's binary log as a replica: binlog_format=ROW, an account "
                    + "with REPLICATION SLAVE and REPLICATION CLIENT; docs/remote.md)."),
    REMOTE_CACHE_BINLOG_USER("remote-cache-binlog-user", "USER", "",
            "Binlog invalidation: the replication account; empty: the mysql-user account."),
    REMOTE_CACHE_BINLOG_PASSWORD("remote-cache-binlog-password", "PASSWORD", "",
            "Binlog invalidation: that account's password (with an empty user: mysql-password's)."),
    REMOTE_CACHE_BINLOG_SERVER_ID("remote-cache-binlog-server-id", "ID", "0",
            "Binlog invalidation: the server id Basalt registers with, unique among the remote's replicas; 0: random."),
    HTTP_PORT("http-port", "PORT", "",
            "Port of the HTTP SQL API and /metrics (docs/http.md), on the same bind address; empty (default): off."),
    HTTP_STATEMENT_TIMEOUT("http-statement-timeout", "SECONDS", "60",
            "Longest an HTTP request may run its statements before it gets 503 (error 3024); 0: no limit."),
    SAFEKEEPERS("safekeepers", "HOST:PORT,...", "",
            "Neon storage: the WAL service nodes (safekeepers) this compute commits to."),
    PAGESERVER("pageserver", "HOST:PORT", "", "Neon storage: the page server this compute reads from."),
    BRANCH("branch", "NAME", "main", "Neon storage: the branch (timeline) this compute serves."),
    AT("at", "TIMESTAMP|LSN", "",
            "Neon storage: serve the branch read-only as of a past moment (an LSN, or a UTC time such as "
                    + "'2026-01-31 12:00:00'); writes get error 1290. Empty (default): read-write at the head."),
    NEON_CACHE_SIZE("neon-cache-size", "SIZE", "256M",
            "Neon storage: bound of the compute's local cache of values read from the page server (K, M, G suffixes)."),
    PG_PORT("pg-port", "PORT", "",
            "TCP port of the PostgreSQL protocol listener, on the same bind address, accounts and data; "
                    + "empty (default): off. See docs/postgres.md."),
    SSL("ssl", "on|off", "on",
            "TLS for clients (MySQL and PostgreSQL protocols): on (default) offers it, off never does."),
    SSL_CERT("ssl-cert", "FILE", "",
            "PEM certificate (chain) of the server; empty (default): a CA and certificate are generated into the "
                    + "data directory on first start (ca.pem, server-cert.pem, ...) and reused, as MySQL 8 does."),
    SSL_KEY("ssl-key", "FILE", "", "PEM private key of ssl-cert (unencrypted; PKCS#1, PKCS#8 or EC)."),
    SSL_CA("ssl-ca", "FILE", "", "PEM CA certificate(s) clients verify the server with; shown as @@ssl_ca."),
    HTTP_TLS("http-tls", null, "false", "The HTTP API speaks HTTPS with the same certificate."),
    TLS_VERSION("tls-version", "LIST", "TLSv1.2,TLSv1.3", "TLS protocols clients may use (@@tls_version)."),
    SSL_CIPHER("ssl-cipher", "LIST", "", "TLSv1.2 cipher suites, OpenSSL names, colon-separated; empty: the JDK's (@@ssl_cipher)."),
    TLS_CIPHERSUITES("tls-ciphersuites", "LIST", "", "TLSv1.3 cipher suites, colon-separated; empty: the JDK's (@@tls_ciphersuites)."),
    SSL_CRL("ssl-crl", "FILE", "", "PEM certificate revocation list(s) client certificates are checked against (@@ssl_crl)."),
    SSL_CRLPATH("ssl-crlpath", "DIR", "", "Directory of certificate revocation list files (@@ssl_crlpath)."),
    TLS_LIBRARY("tls-library", "auto|boringssl|jdk", "auto",
            "Where the MySQL, PostgreSQL and HTTPS ports' TLS runs: auto (default) BoringSSL when its native library loads "
                    + "here and tls-ciphersuites is empty (BoringSSL cannot narrow TLSv1.3 suites), else the JDK's "
                    + "provider; boringssl (fail to start without it); jdk. SHOW STATUS LIKE 'Ssl_library' names the one in use."),
    SLOW_QUERY_LOG("slow-query-log", null, "false",
            "Write statements that run long-query-time seconds or longer to slow-query-log-file, in MySQL's slow-log "
                    + "format (mysqldumpslow, pt-query-digest); SET GLOBAL slow_query_log changes it later."),
    SLOW_QUERY_LOG_FILE("slow-query-log-file", "FILE", "",
            "The slow log's file; empty (default): HOSTNAME-slow.log in the data directory (current directory for memory storage)."),
    LONG_QUERY_TIME("long-query-time", "SECONDS", "10",
            "Statements running at least this long (fractions allowed, 0 logs all) go to the slow log."),
    GENERAL_LOG("general-log", null, "false",
            "Write every connection and statement to general-log-file (MySQL's general log); SET GLOBAL general_log changes it."),
    GENERAL_LOG_FILE("general-log-file", "FILE", "",
            "The general log's file; empty (default): HOSTNAME.log in the data directory (current directory for memory storage)."),
    LOG_OUTPUT("log-output", "FILE|TABLE|NONE", "FILE",
            "Where the slow and general logs go: FILE (default), TABLE (rows of mysql.slow_log and mysql.general_log), "
                    + "FILE,TABLE for both, or NONE; SET GLOBAL log_output changes it."),
    LOG_QUERIES_NOT_USING_INDEXES("log-queries-not-using-indexes", null, "false",
            "Also write statements that read a whole table or index to the slow log, however fast they run."),
    LOG_SLOW_ADMIN_STATEMENTS("log-slow-admin-statements", null, "false",
            "Also write slow ALTER TABLE, ANALYZE, CHECK, OPTIMIZE, REPAIR TABLE and CREATE/DROP INDEX to the slow log."),
    LOG_SLOW_EXTRA("log-slow-extra", null, "false",
            "Slow log file entries also carry Thread_id, Errno, Killed, Bytes_received, Bytes_sent, Sort_rows, Start and End "
                    + "(MySQL's log_slow_extra)."),
    LOG_FORMAT("log-format", "text|json", "text",
            "The server's own log on stderr: text (default, one short line a record) or json (one JSON object a line)."),
    INIT_FILE("init-file", "FILE", "",
            "SQL script run once, as root, when a new data directory is created (databases, users, seed data); if it "
                    + "fails the server names FILE:LINE and the statement, leaves no data directory behind and exits 1. "
                    + "With memory storage it runs at every start."),
    QUERY_MEMORY_LIMIT("query-memory-limit", "SIZE", "",
            "Memory one statement's sorts, hash tables and buffers may hold before they spill to tmpdir (or fail with "
                    + "1041 where they cannot); empty (default): -Dbasalt.queryMemoryLimit, else half the JVM heap."),
    GLOBAL_MEMORY_LIMIT("global-memory-limit", "SIZE", "",
            "Memory all running statements together may hold: spilling starts at half of it, a statement that cannot "
                    + "spill past it fails alone with 3170; empty (default): -Dbasalt.globalMemoryLimit, else 60% of the heap."),
    WAL_SIZE("wal-size", "SIZE", "",
            "Space preallocated for LMDB's write-ahead log (durability wal; at least 1M), applied when the log is created; "
                    + "empty (default): -Dbasalt.lmdb.walSize, else 32M."),
    DISK_RESERVE("disk-reserve", "SIZE", "",
            "Space LMDB keeps in reserve (basalt.reserve) so DELETE, DROP and TRUNCATE still work on a full disk; 0: none; "
                    + "empty (default): -Dbasalt.lmdb.reserveSize, else 8M."),
    THREAD_HANDLING("thread-handling", "MODE", "one-thread-per-connection",
            "How client connections (MySQL and PostgreSQL ports) run: one-thread-per-connection (default, as MySQL: a "
                    + "platform thread each, the lowest latency) or pool-of-threads (a virtual thread each, for many "
                    + "thousands of mostly idle connections). Shown as @@thread_handling."),
    THREAD_CACHE_SIZE("thread-cache-size", "N", "9",
            "Idle connection threads kept for the next connection (0 to 16384; MySQL 8's default for 151 "
                    + "connections); sets @@global.thread_cache_size, which SET GLOBAL changes later."),
    TMPDIR("tmpdir", "DIR", "",
            "Directory of the temporary files sorts, aggregations, joins and windows spill to beyond the memory "
                    + "budget; empty (default): -Dbasalt.tmpdir, else the system's temporary directory. Shown as @@tmpdir; "
                    + "files a crashed Basalt left there are removed at start.");

    private final String key;
    private final String paramLabel;
    private final String defaultText;
    private final String description;

    Setting(String key, String paramLabel, String defaultText, String description) {
        this.key = key;
        this.paramLabel = paramLabel;
        this.defaultText = defaultText;
        this.description = description;
    }

    /** The basalt.yaml key, e.g. {@code data-dir}. */
    public String key() { return key; }

    /** The command-line flag, e.g. {@code --data-dir}. */
    public String flag() { return "--" + key; }

    /** The environment variable, e.g. {@code BASALT_DATA_DIR}. */
    public String envVar() { return "BASALT_" + key.toUpperCase(Locale.ROOT).replace('-', '_'); }

    /** True for on/off settings whose flag takes no value. */
    public boolean isSwitch() { return paramLabel == null; }

    /** Placeholder shown in help for the flag's value; null for switches. */
    public String paramLabel() { return paramLabel; }

    /** The default as a user would write it. */
    public String defaultText() { return defaultText; }

    public String description() { return description; }

    /** Finds a setting by its basalt.yaml key; null when there is none. */
    public static Setting byKey(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) return s;
        }
        return null;
    }
}
