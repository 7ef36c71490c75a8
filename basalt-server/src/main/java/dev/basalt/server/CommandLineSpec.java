package dev.basalt.server;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Builds the {@code basalt} command line from the {@link Setting} table, so every setting gets a
 * flag whose help names its environment variable, basalt.yaml key and default.
 */
public final class CommandLineSpec {

    public static final String CONFIG_FLAG = "--config";
    private static final int HELP_WIDTH = 100;

    private CommandLineSpec() {}

    public static CommandLine build() {
        BasaltVersion version = BasaltVersion.current();

        CommandSpec server = CommandSpec.create().name("server").mixinStandardHelpOptions(true).version(version.banner());
        UsageMessageSpec serverUsage = server.usageMessage();
        serverUsage.description(
                "Runs the Basalt server: a MySQL " + version.mysql() + " compatible SQL server.",
                "%nEach setting comes from, highest precedence first: its flag, its BASALT_* environment "
                        + "variable, its key in the config file, its default.%n")
                .width(HELP_WIDTH)
                .sortOptions(false)
                .footerHeading("%nConfig file:%n")
                .footer(
                        "  --config FILE (or BASALT_CONFIG) names a YAML file that must exist; without either,",
                        "  ./basalt.yaml is read when present. It holds one 'key: value' line per setting, using",
                        "  the yaml keys above, e.g.",
                        "    port: 3307",
                        "    data-dir: /var/lib/basalt",
                        "    root-password: \"s3cret\"",
                        "  The mysql-* keys may be grouped in a 'mysql:' section (host:, port:, ...), the",
                        "  remote-cache-* keys in a 'remote-cache:' section (size:, ttl:). Unknown keys are an error.",
                        "  Virtual databases can be listed under 'remote-databases:' (file only; see basalt.example.yaml).",
                        "%nLogs go to stderr; BASALT_LOG_LEVEL=error|warn|info|debug|trace sets their level",
                        "(default info).",
                        "%nExamples:",
                        "  basalt server                                 lmdb in ./data on 127.0.0.1:3306",
                        "  basalt server --storage memory --port 3307    throwaway server",
                        "  BASALT_MYSQL_PASSWORD=pw basalt server --storage mysql --mysql-host db1 --mysql-user app \\",
                        "      --remote-cache-size 256M                  front the MySQL server db1, with a result cache",
                        "  BASALT_ROOT_PASSWORD=s3cret basalt server --bind 0.0.0.0");
        for (Setting s : Setting.values()) server.addOption(option(s));
        server.addOption(OptionSpec.builder(CONFIG_FLAG)
                .paramLabel("FILE")
                .type(String.class)
                .description("YAML file with settings.",
                        "env: " + SettingsLoader.CONFIG_ENV + " | default: ./" + SettingsLoader.DEFAULT_CONFIG_NAME + " if it exists")
                .build());

        CommandSpec root = CommandSpec.create().name("basalt").mixinStandardHelpOptions(true).version(version.banner());
        root.usageMessage()
                .width(HELP_WIDTH)
                .description("Basalt " + version.basalt() + ": a MySQL-compatible SQL database server for the JVM.")
                .footer("%nRun 'basalt server --help' for the server's settings.",
                        "'basalt shell [-h host] [-P port] [-u user] [-p[password]] [-D db]' is a terminal SQL client.",
                        "'basalt load FILE.sql|FILE.csv [--table t]' imports a file with a progress bar.",
                        "Disaggregated storage (docs/disaggregated.md): 'basalt safekeeper', 'basalt pageserver' and",
                        "'basalt branch create|list|delete' run its roles; 'bin/basalt cluster start --dir D' starts a local cluster.",
                        "Each has its own --help.");
        CommandLine cli = new CommandLine(root);
        cli.addSubcommand("server", new CommandLine(server));
        return cli;
    }

    private static OptionSpec option(Setting s) {
        String dflt = s.defaultText().isEmpty() ? "(empty)" : s.defaultText();
        OptionSpec.Builder b = OptionSpec.builder(s.flag())
                .description(escape(s.description()),
                        "env: " + s.envVar() + " | yaml: " + s.key() + " | default: " + escape(dflt));
        if (s.isSwitch()) {
            b.arity("0").type(boolean.class);
        } else {
            b.arity("1").type(String.class).paramLabel(s.paramLabel());
        }
        return b.build();
    }

    /** picocli formats descriptions with String.format. */
    private static String escape(String text) {
        return text.replace("%", "%%");
    }
}
