package dev.basalt.shell;

/**
 * The command line of {@code basalt shell}, as the mysql client spells it:
 * {@code [-h host] [-P port] [-u user] [-p[password]] [-D db]}; {@code -p} alone asks for the
 * password; BASALT_PASSWORD gives it without showing it in the process list.
 */
record ShellOptions(String host, int port, String user, String password, boolean askPassword, String database) {

    static final String USAGE = "usage: basalt shell [-h host] [-P port] [-u user] [-p[password]] [-D database]";

    static ShellOptions parse(String[] args, String envPassword) {
        String host = "127.0.0.1", user = "root", password = envPassword == null ? "" : envPassword, db = null;
        int port = 3306;
        boolean ask = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--host" -> host = value(args, ++i, a);
                case "-P", "--port" -> port = port(value(args, ++i, a));
                case "-u", "--user" -> user = value(args, ++i, a);
                case "-D", "--database" -> db = value(args, ++i, a);
                case "-p", "--password" -> ask = true;
                default -> {
                    if (a.startsWith("-p") && a.length() > 2) password = a.substring(2);
                    else if (a.startsWith("--password=")) password = a.substring("--password=".length());
                    else if (a.startsWith("-P") && a.length() > 2) port = port(a.substring(2));
                    else if (a.startsWith("-h") && a.length() > 2) host = a.substring(2);
                    else if (a.startsWith("-u") && a.length() > 2) user = a.substring(2);
                    else if (a.startsWith("-D") && a.length() > 2) db = a.substring(2);
                    else if (!a.startsWith("-") && db == null) db = a;
                    else throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                }
            }
        }
        return new ShellOptions(host, port, user, password, ask, db);
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
                + "?allowMultiQueries=false&permitMysqlScheme";
    }
}
