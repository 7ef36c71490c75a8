package dev.basalt.pageserver.timeline;

import dev.basalt.pageserver.layer.CorruptLayerException;
import dev.basalt.pageserver.layer.LayerName;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The index object of a timeline ({@code timelines/NAME/index}): what a page server that lost its
 * disk needs to rebuild it, with the WAL from {@code diskConsistentLsn + 1}. Text, one field a line,
 * ending in a CRC32C line over everything before it:
 *
 * <pre>
 * basalt-pageserver-index 1
 * timeline NAME
 * parent NAME|-
 * branch-lsn N
 * disk-consistent-lsn N
 * gc-horizon N
 * layer FILE-NAME            (any number)
 * crc32c HEX
 * </pre>
 *
 * It is replaced (one atomic put) only after every layer it names is uploaded; layers it stops naming
 * are deleted only after the new index is up, so the stored index always names stored layers.
 */
public record TimelineIndex(String timeline, String parent, long branchLsn, long diskConsistentLsn, long gcHorizon,
                            List<LayerName> layers) {

    static final String HEADER = "basalt-pageserver-index 1";

    public static String objectName(String timeline) { return "timelines/" + timeline + "/index"; }

    /** The prefix of every object of {@code timeline} (its index and its layers). */
    public static String objectPrefix(String timeline) { return "timelines/" + timeline + "/"; }

    public static String layerObjectName(String timeline, LayerName layer) {
        return "timelines/" + timeline + "/layers/" + layer.fileName();
    }

    public byte[] encode() {
        StringBuilder s = new StringBuilder();
        s.append(HEADER).append('\n');
        s.append("timeline ").append(timeline).append('\n');
        s.append("parent ").append(parent == null ? "-" : parent).append('\n');
        s.append("branch-lsn ").append(branchLsn).append('\n');
        s.append("disk-consistent-lsn ").append(diskConsistentLsn).append('\n');
        s.append("gc-horizon ").append(gcHorizon).append('\n');
        for (LayerName l : layers) s.append("layer ").append(l.fileName()).append('\n');
        byte[] body = s.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        return (s + "crc32c " + Long.toHexString(crc.getValue()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public static TimelineIndex decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int crcAt = text.lastIndexOf("crc32c ");
        if (crcAt < 0) throw new CorruptLayerException("timeline index without checksum");
        CRC32C crc = new CRC32C();
        crc.update(text.substring(0, crcAt).getBytes(StandardCharsets.UTF_8));
        if (!text.substring(crcAt + 7).trim().equals(Long.toHexString(crc.getValue()))) {
            throw new CorruptLayerException("timeline index checksum mismatch");
        }
        String[] lines = text.substring(0, crcAt).split("\n");
        if (!lines[0].equals(HEADER)) throw new CorruptLayerException("unknown timeline index format: " + lines[0]);
        String timeline = null, parent = null;
        long branchLsn = 0, disk = 0, horizon = 0;
        List<LayerName> layers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int sp = line.indexOf(' ');
            if (sp < 0) throw new CorruptLayerException("bad timeline index line: " + line);
            String field = line.substring(0, sp), value = line.substring(sp + 1);
            switch (field) {
                case "timeline" -> timeline = value;
                case "parent" -> parent = value.equals("-") ? null : value;
                case "branch-lsn" -> branchLsn = Long.parseLong(value);
                case "disk-consistent-lsn" -> disk = Long.parseLong(value);
                case "gc-horizon" -> horizon = Long.parseLong(value);
                case "layer" -> layers.add(LayerName.parse(value));
                default -> throw new CorruptLayerException("unknown timeline index field: " + field);
            }
        }
        if (timeline == null) throw new CorruptLayerException("timeline index without a timeline name");
        return new TimelineIndex(timeline, parent, branchLsn, disk, horizon, List.copyOf(layers));
    }
}
