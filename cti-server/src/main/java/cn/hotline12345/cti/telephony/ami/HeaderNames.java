package cn.hotline12345.cti.telephony.ami;

import java.util.Arrays;

/**
 * The header names an AMI stream has used, one String each, found by the bytes of the name. A flat
 * open-addressing table: the caller hashes the name while it looks for the colon, so a known name
 * costs one array compare. Names are interned, so {@link AmiMessage#get} finds the translator's
 * literal header names by identity first. Bounded: past {@code capacity} names (a hostile or broken
 * peer inventing names) new names are decoded each time and neither kept nor interned.
 * Not thread-safe: one per framer.
 */
final class HeaderNames {

    private final int capacity;
    private final byte[][] bytes;
    private final int[] hashes;
    private final String[] strings;
    private final int mask;
    private int size;

    HeaderNames(int capacity) {
        this.capacity = capacity;
        int slots = Integer.highestOneBit(capacity * 2 - 1) << 1;
        this.bytes = new byte[slots][];
        this.hashes = new int[slots];
        this.strings = new String[slots];
        this.mask = slots - 1;
    }

    /** The name in {@code buf[from..from+len)}, whose hash is {@code 31*h+b} over its bytes from 1. */
    String name(byte[] buf, int from, int len, int hash) {
        int slot = spread(hash) & mask;
        while (true) {
            byte[] known = bytes[slot];
            if (known == null) {
                break;
            }
            if (hashes[slot] == hash && known.length == len
                    && Arrays.equals(known, 0, len, buf, from, from + len)) {
                return strings[slot];
            }
            slot = (slot + 1) & mask;
        }
        String name = AmiFramer.decode(buf, from, len);
        if (size < capacity) {
            name = name.intern();
            bytes[slot] = Arrays.copyOfRange(buf, from, from + len);
            hashes[slot] = hash;
            strings[slot] = name;
            size++;
        }
        return name;
    }

    int size() {
        return size;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
