package dev.basalt.server;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads basalt.yaml: a flat map of setting keys to scalar values. */
public final class ConfigFile {

    private ConfigFile() {}

    /** The file's settings as raw text, each checked to be a known key. */
    public static Map<Setting, String> read(Path file) {
        Object document = load(file);
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        if (document == null) return values;  // an empty file sets nothing
        if (!(document instanceof Map<?, ?> map)) {
            throw new SettingsException("config file " + file + " must be a map of settings, like 'port: 3306'");
        }
        for (Map.Entry<?, ?> e : flatten(map).entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals(RemoteDatabasesConfig.KEY)) continue; // a list: see readRemoteDatabases
            Setting setting = Setting.byKey(key);
            if (setting == null) {
                throw new SettingsException("config file " + file + ": unknown setting '" + key + "' (known settings: "
                        + Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.joining(", ")) + ")");
            }
            Object value = e.getValue();
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new SettingsException("config file " + file + ": '" + key + "' must be a single value");
            }
            values.put(setting, value == null ? "" : value.toString());
        }
        return values;
    }

    /**
     * The raw {@code remote-databases:} list (null when absent), for {@link RemoteDatabasesConfig}:
     * the only list-valued key, and one with no flag or environment form.
     */
    public static Object readRemoteDatabases(Path file) {
        return load(file) instanceof Map<?, ?> map ? map.get(RemoteDatabasesConfig.KEY) : null;
    }

    private static Object load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return newYaml().load(reader);
        } catch (IOException e) {
            throw new SettingsException("cannot read config file " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new SettingsException("config file " + file + " is not valid YAML: " + e.getMessage());
        }
    }

    /**
     * Sections become prefixed keys: {@code mysql: {host: h}} is the setting {@code mysql-host},
     * {@code remote-cache: {size: 256M}} is {@code remote-cache-size}.
     */
    private static Map<Object, Object> flatten(Map<?, ?> map) {
        Map<Object, Object> flat = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> section && Setting.byKey(String.valueOf(e.getKey())) == null) {
                section.forEach((k, v) -> flat.put(e.getKey() + "-" + k, v));
            } else {
                flat.put(e.getKey(), e.getValue());
            }
        }
        return flat;
    }

    /**
     * A YAML reader that keeps every plain scalar as text: YAML 1.1's implicit typing would turn a
     * password such as 0123 into the number 83, or 'no' into false. Settings parse their own text.
     */
    static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Resolver textOnly = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                // none: no implicit ints, booleans, nulls, floats or timestamps
            }
        };
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, textOnly);
    }
}
