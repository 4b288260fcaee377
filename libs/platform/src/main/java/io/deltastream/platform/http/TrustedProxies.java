package io.deltastream.platform.http;

import io.deltastream.platform.config.ConfigException;
import io.deltastream.platform.config.Env;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-For} a service believes: single addresses and CIDR ranges, IPv4 or IPv6
 * ({@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code fd00::/8}), as compose networks and Kubernetes pod ranges need. Only
 * the entry the trusted proxy itself appended (the last one) names the client; earlier entries are the client's to
 * forge and are never read. Immutable.
 */
public final class TrustedProxies {
    /** The longest {@code X-Forwarded-For} value read; longer ones are not believed. */
    private static final int MAX_HEADER_LENGTH = 4096;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Nobody is trusted. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /**
     * Parses {@code entries} (addresses or CIDR ranges).
     *
     * @param variable named in the error for an entry that is neither
     * @throws ConfigException for an entry that is not an IP address or CIDR range
     */
    public static TrustedProxies parse(String variable, List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.trim();
            int slash = e.indexOf('/');
            Optional<byte[]> address = literal(slash < 0 ? e : e.substring(0, slash));
            if (address.isEmpty()) {
                throw invalid(variable, entry);
            }
            int bits = address.get().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException ex) {
                    throw invalid(variable, entry);
                }
                if (prefix < 0 || prefix > bits) {
                    throw invalid(variable, entry);
                }
            }
            ranges.add(new Range(address.get(), prefix));
        }
        return new TrustedProxies(ranges);
    }

    /** From the comma-separated variable {@code variable}, {@code defaults} when unset. */
    public static TrustedProxies fromEnv(Env env, String variable, List<String> defaults) {
        return parse(variable, env.list(variable, defaults));
    }

    /** True when {@code address} (an IP literal) lies in one of the ranges. */
    public boolean trusts(String address) {
        Optional<byte[]> a = literal(address);
        return a.isPresent() && ranges.stream().anyMatch(r -> r.contains(a.get()));
    }

    /**
     * The client of a request from {@code peer}: the last {@code X-Forwarded-For} entry when the peer is trusted
     * and that entry is an IP address, otherwise the peer.
     *
     * @param forwardedFor the header's value, null when absent
     */
    public String client(String peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.length() > MAX_HEADER_LENGTH || !trusts(peer)) {
            return peer;
        }
        String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).trim();
        return literal(last).isPresent() ? last : peer;
    }

    /** The bytes of an IPv4 or IPv6 literal; empty for anything else (no name is ever looked up). */
    static Optional<byte[]> literal(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.isEmpty() || t.length() > 45) {
            return Optional.empty();
        }
        if (IPV4.matcher(t).matches()) {
            for (String octet : t.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.empty();
                }
            }
        } else if (!IPV6.matcher(t).matches()) {
            // Anything else would be resolved as a host name.
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static ConfigException invalid(String variable, String entry) {
        return new ConfigException(variable + " must list IP addresses or CIDR ranges (10.0.0.0/8, fd00::/8),"
                + " got '" + entry + "'");
    }
}
