package cn.hotline12345.pbxsim.media;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The slice of STUN (RFC 5389) an ICE-lite agent needs: parse a Binding request, check its MESSAGE-INTEGRITY
 * (HMAC-SHA1 keyed with our ice-pwd, short-term credentials: the key is the password itself, RFC 5389 §15.4) and
 * FINGERPRINT (CRC-32 xor 0x5354554E, §15.5), and build the Binding success response.
 */
final class Stun {

    static final int MAGIC_COOKIE = 0x2112A442;
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_SUCCESS = 0x0101;

    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int PRIORITY = 0x0024;
    static final int USE_CANDIDATE = 0x0025;
    static final int SOFTWARE = 0x8022;
    static final int FINGERPRINT = 0x8028;
    static final int ICE_CONTROLLED = 0x8029;
    static final int ICE_CONTROLLING = 0x802A;

    private static final int HEADER = 20;
    private static final int FINGERPRINT_XOR = 0x5354554E;

    private Stun() {
    }

    /** One attribute as received: type, value (without padding) and where its header starts in the message. */
    record Attribute(int type, byte[] value, int offset) {
    }

    /** A framed STUN message (RFC 5389 §6): nothing checked beyond the framing. */
    record Message(byte[] raw, int type, byte[] transactionId, List<Attribute> attributes) {

        Attribute find(int attrType) {
            for (Attribute a : attributes) {
                if (a.type == attrType) {
                    return a;
                }
            }
            return null;
        }

        boolean has(int attrType) {
            return find(attrType) != null;
        }

        String username() {
            Attribute a = find(USERNAME);
            return a == null ? null : new String(a.value, StandardCharsets.UTF_8);
        }

        /**
         * True when MESSAGE-INTEGRITY is present and is the HMAC-SHA1, keyed with {@code key}, of the message up to
         * it with the header's length set as if it were the last attribute (RFC 5389 §15.4). Attributes after it other
         * than FINGERPRINT make the message invalid.
         */
        boolean integrityValid(byte[] key) {
            Attribute mi = find(MESSAGE_INTEGRITY);
            if (mi == null || mi.value.length != 20) {
                return false;
            }
            for (Attribute a : attributes) {
                if (a.offset > mi.offset && a.type != FINGERPRINT) {
                    return false;
                }
            }
            byte[] expected = hmac(key, raw, mi.offset, mi.offset + 24 - HEADER);
            return java.security.MessageDigest.isEqual(expected, mi.value);
        }

        /** True when FINGERPRINT is absent, or present as the last attribute and right (RFC 5389 §15.5). */
        boolean fingerprintValidOrAbsent() {
            Attribute fp = find(FINGERPRINT);
            if (fp == null) {
                return true;
            }
            if (fp.value.length != 4 || fp.offset + 8 != raw.length) {
                return false;
            }
            return ByteBuffer.wrap(fp.value).getInt() == crc(raw, fp.offset, fp.offset + 8 - HEADER);
        }
    }

    /** First byte 0-3 on a muxed socket (RFC 7983) and the magic cookie: worth parsing as STUN. */
    static boolean looksLikeStun(byte[] buf, int len) {
        return len >= HEADER && (buf[0] & 0xFF) < 4 && ByteBuffer.wrap(buf, 4, 4).getInt() == MAGIC_COOKIE;
    }

    /** Parses the framing; null for anything that is not a well-formed STUN message. */
    static Message parse(byte[] buf, int len) {
        if (!looksLikeStun(buf, len)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
        int type = b.getShort() & 0xFFFF;
        int length = b.getShort() & 0xFFFF;
        if ((type & 0xC000) != 0 || length % 4 != 0 || HEADER + length != len) {
            return null;
        }
        b.getInt();
        byte[] tid = new byte[12];
        b.get(tid);
        List<Attribute> attrs = new ArrayList<>();
        while (b.remaining() > 0) {
            if (b.remaining() < 4) {
                return null;
            }
            int offset = b.position();
            int at = b.getShort() & 0xFFFF;
            int al = b.getShort() & 0xFFFF;
            int padded = (al + 3) & ~3;
            if (padded > b.remaining()) {
                return null;
            }
            byte[] v = new byte[al];
            b.get(v);
            b.position(b.position() + padded - al);
            attrs.add(new Attribute(at, v, offset));
        }
        return new Message(Arrays.copyOf(buf, len), type, tid, List.copyOf(attrs));
    }

    /** Builds a message attribute by attribute; {@link #build} appends MESSAGE-INTEGRITY and FINGERPRINT. */
    static final class Builder {
        private final int type;
        private final byte[] transactionId;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private byte pad;

        Builder(int type, byte[] transactionId) {
            this.type = type;
            this.transactionId = transactionId.clone();
        }

        /** The byte padding attributes to 4 (0 by default; RFC 5769's vectors use 0x20 to show it is ignored). */
        Builder padding(byte value) {
            this.pad = value;
            return this;
        }

        Builder attribute(int attrType, byte[] value) {
            body.write(attrType >> 8);
            body.write(attrType);
            body.write(value.length >> 8);
            body.write(value.length);
            body.writeBytes(value);
            for (int i = value.length; i % 4 != 0; i++) {
                body.write(pad);
            }
            return this;
        }

        Builder xorMappedAddress(InetSocketAddress address) {
            byte[] ip = address.getAddress().getAddress();
            ByteBuffer v = ByteBuffer.allocate(4 + ip.length);
            v.put((byte) 0).put((byte) (ip.length == 4 ? 1 : 2)).putShort((short) (address.getPort() ^ (MAGIC_COOKIE >>> 16)));
            byte[] mask = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transactionId).array();
            for (int i = 0; i < ip.length; i++) {
                v.put((byte) (ip[i] ^ mask[i]));
            }
            return attribute(XOR_MAPPED_ADDRESS, v.array());
        }

        /** The message, with MESSAGE-INTEGRITY (when key is not null) and FINGERPRINT appended. */
        byte[] build(byte[] integrityKey, boolean fingerprint) {
            byte[] attrs = body.toByteArray();
            int total = HEADER + attrs.length + (integrityKey == null ? 0 : 24) + (fingerprint ? 8 : 0);
            ByteBuffer m = ByteBuffer.allocate(total);
            m.putShort((short) type).putShort((short) 0).putInt(MAGIC_COOKIE).put(transactionId).put(attrs);
            byte[] raw = m.array();
            if (integrityKey != null) {
                int at = m.position();
                byte[] mac = hmac(integrityKey, raw, at, at + 24 - HEADER);
                m.putShort((short) MESSAGE_INTEGRITY).putShort((short) 20).put(mac);
            }
            if (fingerprint) {
                int at = m.position();
                int crc = crc(raw, at, at + 8 - HEADER);
                m.putShort((short) FINGERPRINT).putShort((short) 4).putInt(crc);
            }
            ByteBuffer.wrap(raw).putShort(2, (short) (total - HEADER));
            return raw;
        }
    }

    /** The address an XOR-MAPPED-ADDRESS attribute of {@code m} carries. */
    static InetSocketAddress xorMappedAddress(Message m) {
        Attribute a = m.find(XOR_MAPPED_ADDRESS);
        if (a == null || a.value.length < 8) {
            return null;
        }
        ByteBuffer v = ByteBuffer.wrap(a.value);
        v.get();
        int family = v.get();
        int port = (v.getShort() & 0xFFFF) ^ (MAGIC_COOKIE >>> 16);
        byte[] ip = new byte[family == 1 ? 4 : 16];
        if (a.value.length < 4 + ip.length) {
            return null;
        }
        byte[] mask = ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(m.transactionId).array();
        for (int i = 0; i < ip.length; i++) {
            ip[i] = (byte) (v.get() ^ mask[i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** HMAC-SHA1 of raw[0, end) with the header's length field replaced by {@code length}. */
    private static byte[] hmac(byte[] key, byte[] raw, int end, int length) {
        byte[] copy = Arrays.copyOf(raw, end);
        copy[2] = (byte) (length >> 8);
        copy[3] = (byte) length;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(copy);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    private static int crc(byte[] raw, int end, int length) {
        byte[] copy = Arrays.copyOf(raw, end);
        copy[2] = (byte) (length >> 8);
        copy[3] = (byte) length;
        CRC32 crc = new CRC32();
        crc.update(copy);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }
}
