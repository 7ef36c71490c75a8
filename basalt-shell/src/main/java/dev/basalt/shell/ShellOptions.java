package dev.basalt.shell;

/**
 * The command line of {@code basalt shell}, as the mysql client spells it:
 * {@code [-h host] [-P port] [-u user] [-p[password]] [-D db] [--ssl-mode MODE] [--ssl-ca FILE]};
 * {@code -p} alone asks for the password; BASALT_PASSWORD gives it without showing it in the
 * process list.
 *
 * <p>TLS as the mysql client's {@code --ssl-mode}: DISABLED (the default: Connector/J has no
 * "use TLS if the server offers it" mode, so PREFERRED is refused rather than quietly meaning one
 * or the other), REQUIRED ({@code --ssl}: encrypted, certificate not checked), VERIFY_CA (the
 * server's certificate must be signed by {@code --ssl-ca}) and VERIFY_IDENTITY (and name the host).
 */
record ShellOptions(String host, int port, String user, String password, boolean askPassword, String database,
                    String sslMode, String sslCa, String execute) {

    static final String USAGE = "usage: basalt shell [-h host] [-P port] [-u user] [-p[password]] [-D database]"
            + " [--ssl | --ssl-mode DISABLED|REQUIRED|VERIFY_CA|VERIFY_IDENTITY] [--ssl-ca FILE] [-e SQL]";

    /** What {@code basalt shell --help} prints. */
    static final String HELP = USAGE + "\n\n"
            + "A terminal SQL client for Basalt or any MySQL-protocol server. On a terminal: line editing,\n"
            + "history, completion, boxed tables (end a statement with \\G for one block per row); with\n"
            + "statements on stdin: tab-separated rows and exit status 1 at the first error.\n\n"
            + "  -h, --host HOST       server host                         (default 127.0.0.1)\n"
            + "  -P, --port PORT       server port                         (default 3306)\n"
            + "  -u, --user USER       account                             (default root)\n"
            + "  -p                    ask for the password; -pPASSWORD or --password=PASSWORD give it\n"
            + "                        (BASALT_PASSWORD too, without showing it in the process list)\n"
            + "  -D, --database DB     default database (also: the last argument)\n"
            + "  -e, --execute SQL     run these statements and quit (tab-separated output unless on a\n"
            + "                        terminal; exit status 1 at the first error)\n"
            + "  --ssl                 TLS, certificate not checked (--ssl-mode REQUIRED)\n"
            + "  --ssl-mode MODE       DISABLED (default), REQUIRED, VERIFY_CA or VERIFY_IDENTITY\n"
            + "  --ssl-ca FILE         CA certificate to verify the server with (e.g. the data directory's ca.pem)\n"
            + "  --embedded --data-dir DIR [--storage lmdb|memory]\n"
            + "                        open a data directory in this process when no server runs on it\n"
            + "  --help                this text\n";

    /** True when the command line asks for help ({@code --help} or mysql's {@code -?}). */
    static boolean wantsHelp(String[] args) {
        for (String a : args) if (a.equals("--help") || a.equals("-?")) return true;
        return false;
    }

    static ShellOptions parse(String[] args, String envPassword) {
        String host = "127.0.0.1", user = "root", password = envPassword == null ? "" : envPassword, db = null;
        int port = 3306;
        boolean ask = false;
        String sslMode = null, sslCa = null, execute = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--host" -> host = value(args, ++i, a);
                case "-P", "--port" -> port = port(value(args, ++i, a));
                case "-u", "--user" -> user = value(args, ++i, a);
                case "-D", "--database" -> db = value(args, ++i, a);
                case "-p", "--password" -> ask = true;
                case "--ssl" -> sslMode = "REQUIRED";
                case "--skip-ssl" -> sslMode = "DISABLED";
                case "--ssl-mode" -> sslMode = sslMode(value(args, ++i, a));
                case "--ssl-ca" -> sslCa = value(args, ++i, a);
                case "-e", "--execute" -> execute = value(args, ++i, a);
                default -> {
                    if (a.startsWith("--ssl-mode=")) {
                        sslMode = sslMode(a.substring("--ssl-mode=".length()));
                        continue;
                    }
                    if (a.startsWith("--ssl-ca=")) {
                        sslCa = a.substring("--ssl-ca=".length());
                        continue;
                    }
                    if (a.startsWith("--execute=")) {
                        execute = a.substring("--execute=".length());
                        continue;
                    }
                    if (a.startsWith("-p") && a.length() > 2) password = a.substring(2);
                    else if (a.startsWith("--password=")) password = a.substring("--password=".length());
                    else if (a.startsWith("-P") && a.length() > 2) port = port(a.substring(2));
                    else if (a.startsWith("-h") && a.length() > 2) host = a.substring(2);
                    else if (a.startsWith("-u") && a.length() > 2) user = a.substring(2);
                    else if (a.startsWith("-D") && a.length() > 2) db = a.substring(2);
                    else if (a.startsWith("-e") && a.length() > 2) execute = a.substring(2);
                    else if (!a.startsWith("-") && db == null) db = a;
                    else throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                }
            }
        }
        if (sslMode == null) sslMode = sslCa != null ? "VERIFY_CA" : "DISABLED";
        if (sslMode.startsWith("VERIFY") && sslCa == null) {
            throw new IllegalArgumentException("--ssl-mode " + sslMode + " needs --ssl-ca FILE (the CA certificate, e.g. the server's ca.pem)\n" + USAGE);
        }
        return new ShellOptions(host, port, user, password, ask, db, sslMode, sslCa, execute);
    }

    private static String sslMode(String text) {
        String mode = text.toUpperCase(java.util.Locale.ROOT);
        return switch (mode) {
            case "DISABLED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY" -> mode;
            case "PREFERRED" -> throw new IllegalArgumentException(
                    "--ssl-mode PREFERRED is not supported: choose REQUIRED (TLS) or DISABLED\n" + USAGE);
            default -> throw new IllegalArgumentException("invalid --ssl-mode " + text + "\n" + USAGE);
        };
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        return args[i];
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            if (p < 1 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port " + text + "\n" + USAGE);
        }
    }

    String jdbcUrl() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:mariadb://" + h + ":" + port + "/" + (database == null ? "" : database)
                + "?allowMultiQueries=false&permitMysqlScheme" + tlsParameters();
    }

    /** Connector/J's sslMode (and CA file) for the mysql-style --ssl-mode. */
    private String tlsParameters() {
        String ca = sslCa == null ? "" : "&serverSslCert=" + sslCa; // the driver reads the value as it is (no URL decoding)
        return switch (sslMode) {
            case "REQUIRED" -> "&sslMode=trust";
            case "VERIFY_CA" -> "&sslMode=verify-ca" + ca;
            case "VERIFY_IDENTITY" -> "&sslMode=verify-full" + ca;
            default -> "&sslMode=disable";
        };
    }
}
