package cn.hotline12345.cti.platform.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of IP addresses and CIDR ranges ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}), or
 * {@code any}. Parsed once from the configuration, with no DNS (literals only); {@link #contains} is a few
 * comparisons, cheap enough for every connection. Immutable, thread-safe.
 */
public final class IpRanges {

    private static final IpRanges ANY = new IpRanges(List.of(), true, List.of("any"));
    private static final IpRanges NONE = new IpRanges(List.of(), false, List.of());

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] a) {
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;
    private final boolean any;
    private final List<String> written;

    private IpRanges(List<Range> ranges, boolean any, List<String> written) {
        this.ranges = List.copyOf(ranges);
        this.any = any;
        this.written = List.copyOf(written);
    }

    /** No address at all. */
    public static IpRanges none() {
        return NONE;
    }

    /** Every address. */
    public static IpRanges any() {
        return ANY;
    }

    /**
     * Parses the entries; {@code key} names the configuration key in the error.
     *
     * @throws ConfigException naming the key and the first entry that is neither an IP literal, a CIDR range nor
     *                         {@code any}
     */
    public static IpRanges parse(String key, List<String> entries) {
        List<Range> out = new ArrayList<>();
        for (String raw : entries) {
            String e = raw == null ? "" : raw.trim();
            if (e.equalsIgnoreCase("any")) {
                return new IpRanges(List.of(), true, List.of("any"));
            }
            int slash = e.indexOf('/');
            String ip = slash < 0 ? e : e.substring(0, slash);
            byte[] addr = literal(ip);
            if (addr == null) {
                throw new ConfigException(key + ": '" + e + "' is not an IP address or a CIDR range (or 'any')");
            }
            int prefix = addr.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException x) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > addr.length * 8) {
                    throw new ConfigException(key + ": '" + e + "' has a bad prefix length");
                }
            }
            out.add(new Range(addr, prefix));
        }
        return new IpRanges(out, false, entries);
    }

    /** Whether the address (an IP literal as a socket reports it) is in the list; null and names are not. */
    public boolean contains(String address) {
        if (any) {
            return true;
        }
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        byte[] a = literal(address);
        if (a == null) {
            return false;
        }
        for (Range r : ranges) {
            if (r.contains(a)) {
                return true;
            }
        }
        // an IPv4 client on a dual-stack socket may be shown as ::ffff:a.b.c.d
        if (a.length == 16 && isMappedV4(a)) {
            byte[] v4 = java.util.Arrays.copyOfRange(a, 12, 16);
            for (Range r : ranges) {
                if (r.contains(v4)) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean isAny() {
        return any;
    }

    public boolean isEmpty() {
        return !any && ranges.isEmpty();
    }

    /** The entries as configured. */
    public List<String> entries() {
        return written;
    }

    private static boolean isMappedV4(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }

    /** The bytes of an IP literal, or null for anything else (never a DNS lookup). */
    public static byte[] literal(String ip) {
        if (ip == null || ip.isEmpty() || ip.length() > 45) {
            return null;
        }
        String s = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.contains(":")) {
            if (!s.matches("[0-9A-Fa-f:.]+")) {
                return null;
            }
        } else if (!s.matches("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])")) {
            return null;
        }
        try {
            // a literal: InetAddress parses it without any lookup
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Equal when written the same (the ranges are parsed from what is written). */
    @Override
    public boolean equals(Object o) {
        return o instanceof IpRanges other && any == other.any && written.equals(other.written);
    }

    @Override
    public int hashCode() {
        return written.hashCode() * 31 + (any ? 1 : 0);
    }

    @Override
    public String toString() {
        return written.toString();
    }
}
