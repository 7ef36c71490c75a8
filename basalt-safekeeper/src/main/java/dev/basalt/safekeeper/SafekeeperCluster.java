package dev.basalt.safekeeper;

import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The safekeepers as every node and client must agree on them: the {@code host:port} list, in order.
 * Safekeeper {@code --id N} is the N-th address (from 1), and all nodes form one Raft group whose id
 * is fixed, so a node, a compute and a page server given the same list find each other without any
 * other setup.
 */
record SafekeeperCluster(List<String> addresses) {

    /** One Raft group for all timelines: the group id is derived from a constant name, not stored anywhere. */
    static final RaftGroupId GROUP_ID = RaftGroupId.valueOf(UUID.nameUUIDFromBytes("basalt-safekeepers".getBytes(StandardCharsets.UTF_8)));

    SafekeeperCluster {
        if (addresses.isEmpty()) throw new IllegalArgumentException("no safekeeper addresses");
        for (String a : addresses) hostPort(a);
        addresses = List.copyOf(addresses);
    }

    /** Parses {@code h:p,h:p,h:p}. */
    static SafekeeperCluster parse(String peers) {
        List<String> list = new ArrayList<>();
        for (String part : peers.split(",")) {
            if (!part.isBlank()) list.add(part.trim());
        }
        return new SafekeeperCluster(list);
    }

    static SafekeeperCluster of(List<String> peers) { return new SafekeeperCluster(peers); }

    static RaftPeerId peerId(int id) { return RaftPeerId.valueOf("sk" + id); }

    String address(int id) {
        if (id < 1 || id > addresses.size()) {
            throw new IllegalArgumentException("safekeeper id " + id + " is not in 1.." + addresses.size() + " (the position in the peer list)");
        }
        return addresses.get(id - 1);
    }

    RaftGroup group() {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 1; i <= addresses.size(); i++) {
            peers.add(RaftPeer.newBuilder().setId(peerId(i)).setAddress(addresses.get(i - 1)).build());
        }
        return RaftGroup.valueOf(GROUP_ID, peers);
    }

    /** Splits {@code host:port} (an IPv6 host in brackets); refuses anything else. */
    static HostPort hostPort(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) throw new IllegalArgumentException("not host:port: '" + address + "'");
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not host:port: '" + address + "'");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range in '" + address + "'");
        return new HostPort(host, port);
    }

    record HostPort(String host, int port) {}
}
