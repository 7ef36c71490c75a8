package dev.basalt.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code basalt shell --embedded --data-dir DIR}: opens a data directory in this process (no
 * server needed, and none may be running on it: the store's lock refuses a second opener) and
 * runs the shell against it over a private loopback listener whose root password is random and
 * known only to this process.
 */
final class EmbeddedShell {

    private EmbeddedShell() {}

    static boolean wanted(String[] shellArgs) {
        for (String a : shellArgs) if (a.equals("--embedded")) return true;
        return false;
    }

    static int run(String[] shellArgs, PrintStream out, PrintStream err) {
        Path dataDir = Path.of(Setting.DATA_DIR.defaultText());
        String storage = "lmdb";
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < shellArgs.length; i++) {
            String a = shellArgs[i];
            if (a.equals("--embedded")) continue;
            if ((a.equals("--data-dir") || a.equals("--storage")) && i + 1 >= shellArgs.length) {
                err.println("basalt shell: " + a + " needs a value");
                return 2;
            }
            if (a.equals("--data-dir")) dataDir = Path.of(shellArgs[++i]);
            else if (a.startsWith("--data-dir=")) dataDir = Path.of(a.substring("--data-dir=".length()));
            else if (a.equals("--storage")) storage = shellArgs[++i];
            else if (a.equals("-h") || a.equals("-P") || a.equals("-u") || a.startsWith("-p") || a.startsWith("--password")) {
                err.println("basalt shell: --embedded opens the data directory itself; " + a + " does not apply");
                return 2;
            } else rest.add(a);
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        ServerSettings settings;
        try {
            settings = ServerSettings.defaults().withDataDir(dataDir).withStorage(storage).withPort(0)
                    .withBind("127.0.0.1").withRootPassword(password);
        } catch (SettingsException e) {
            err.println("basalt shell: " + e.getMessage());
            return 2;
        }
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING); // the shell's screen stays clean
        try (BasaltServer server = BasaltServer.start(settings)) {
            List<String> args = new ArrayList<>(List.of("-h", "127.0.0.1", "-P", Integer.toString(server.port()),
                    "-u", "root", "--password=" + password));
            args.addAll(rest);
            return dev.basalt.shell.Shell.run(args.toArray(String[]::new), System.in, out, err);
        } catch (dev.basalt.engine.storage.kv.StorageException e) {
            err.println("basalt shell: cannot open " + dataDir + ": " + e.getMessage());
            String hint = Main.storageHint(e, settings);
            if (hint != null) err.println(hint);
            return 1;
        } catch (IOException e) {
            err.println("basalt shell: " + e.getMessage());
            return 1;
        }
    }
}
