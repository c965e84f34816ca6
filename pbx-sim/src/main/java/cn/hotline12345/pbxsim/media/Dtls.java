package cn.hotline12345.pbxsim.media;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * DTLS-SRTP (RFC 5764) over BouncyCastle's DTLS 1.2: our certificate, the server and client peers that negotiate
 * {@code use_srtp} with SRTP_AES128_CM_HMAC_SHA1_80, check the far end's certificate against its SDP fingerprint
 * (RFC 8122 §5: that check is the whole of the authentication) and export the SRTP keys.
 */
final class Dtls {

    /** ECDHE with ECDSA only: our certificate is ECDSA P-256, as Chromium's own is. */
    private static final int[] SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };
    private static final int HANDSHAKE_TIMEOUT_MS = 30_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Dtls() {
    }

    /** Our self-signed ECDSA P-256 certificate and its key; one per process (WebRTC peers only pin the fingerprint). */
    record Identity(AsymmetricKeyParameter privateKey, byte[] certificateDer, String fingerprintSha256) {

        private static volatile Identity shared;

        static Identity shared() {
            Identity id = shared;
            if (id == null) {
                synchronized (Identity.class) {
                    id = shared;
                    if (id == null) {
                        id = generate();
                        shared = id;
                    }
                }
            }
            return id;
        }

        static Identity generate() {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                KeyPair kp = g.generateKeyPair();
                X500Name name = new X500Name("CN=pbx-sim media");
                Instant now = Instant.now();
                byte[] der = new JcaX509v3CertificateBuilder(name, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                        kp.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())).getEncoded();
                return new Identity(PrivateKeyFactory.createKey(kp.getPrivate().getEncoded()), der,
                        fingerprint("sha-256", der));
            } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                throw new IllegalStateException("cannot make the DTLS certificate", e);
            }
        }

        Certificate tlsCertificate(BcTlsCrypto crypto) throws IOException {
            return new Certificate(new TlsCertificate[] {crypto.createCertificate(certificateDer)});
        }
    }

    /** An SDP a=fingerprint value: upper-case hex pairs joined by colons. */
    static String fingerprint(String hash, byte[] der) {
        try {
            byte[] d = MessageDigest.getInstance(hash.toUpperCase(Locale.ROOT)).digest(der);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unsupported fingerprint hash " + hash, e);
        }
    }

    /** The SRTP master keys and salts exported from the handshake (RFC 5764 §4.2), from our point of view. */
    record Keys(byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt) {

        static Keys of(byte[] material, boolean weAreServer) {
            byte[] clientKey = Arrays.copyOfRange(material, 0, 16);
            byte[] serverKey = Arrays.copyOfRange(material, 16, 32);
            byte[] clientSalt = Arrays.copyOfRange(material, 32, 46);
            byte[] serverSalt = Arrays.copyOfRange(material, 46, 60);
            return weAreServer ? new Keys(serverKey, serverSalt, clientKey, clientSalt)
                    : new Keys(clientKey, clientSalt, serverKey, serverSalt);
        }
    }

    /** What the handshake reports back. */
    interface Listener {
        /** The far end sent close_notify or a fatal alert. */
        void closedByFarEnd(String why);
    }

    /** The far end's certificate must hash to the fingerprint of its SDP. */
    record Expected(String hash, byte[] fingerprint) {

        void check(Certificate chain) throws IOException {
            if (chain == null || chain.isEmpty()) {
                throw new CertificateMismatch("the far end sent no DTLS certificate");
            }
            byte[] der = chain.getCertificateAt(0).getEncoded();
            byte[] actual = HexFormat.ofDelimiter(":").parseHex(Dtls.fingerprint(hash, der));
            if (!MessageDigest.isEqual(actual, fingerprint)) {
                throw new CertificateMismatch("the far end's DTLS certificate does not match its SDP a=fingerprint ("
                        + hash + " " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(actual) + " received, "
                        + HexFormat.ofDelimiter(":").withUpperCase().formatHex(fingerprint) + " in the SDP)");
            }
        }
    }

    /** A fatal bad_certificate alert carrying why. */
    static final class CertificateMismatch extends TlsFatalAlert {
        CertificateMismatch(String message) {
            super(AlertDescription.bad_certificate, message);
        }
    }

    /** Runs the handshake as server (the far end said a=setup:active) or client; blocks the calling thread. */
    static Result handshake(boolean server, DatagramTransport transport, Identity identity, Expected expected,
                            Listener listener) throws IOException {
        BcTlsCrypto crypto = new BcTlsCrypto(RANDOM);
        byte[][] material = new byte[1][];
        DTLSTransport t;
        if (server) {
            DTLSServerProtocol protocol = new DTLSServerProtocol();
            // ICE has already proved the far end receives at this address: no HelloVerifyRequest round trip
            protocol.setVerifyRequests(false);
            t = protocol.accept(new Server(crypto, identity, expected, listener, material), transport);
        } else {
            t = new DTLSClientProtocol().connect(new Client(crypto, identity, expected, listener, material), transport);
        }
        return new Result(t, Keys.of(material[0], server));
    }

    record Result(DTLSTransport transport, Keys keys) {
    }

    private static UseSRTPData ourSrtp() {
        return new UseSRTPData(new int[] {SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80}, TlsUtils.EMPTY_BYTES);
    }

    private static boolean offersOurProfile(UseSRTPData d) {
        return d != null && Arrays.stream(d.getProtectionProfiles())
                .anyMatch(p -> p == SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80);
    }

    private static TlsCredentialedSigner signer(TlsContext context, BcTlsCrypto crypto, Identity id) throws IOException {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, id.privateKey(),
                id.tlsCertificate(crypto), new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    private static void alert(Listener listener, short level, short description) {
        if (description == AlertDescription.close_notify || level == AlertLevel.fatal) {
            listener.closedByFarEnd("DTLS alert from the far end: " + AlertDescription.getText(description));
        }
    }

    private static final class Server extends DefaultTlsServer {
        private final BcTlsCrypto crypto;
        private final Identity identity;
        private final Expected expected;
        private final Listener listener;
        private final byte[][] material;

        Server(BcTlsCrypto crypto, Identity identity, Expected expected, Listener listener, byte[][] material) {
            super(crypto);
            this.crypto = crypto;
            this.identity = identity;
            this.expected = expected;
            this.listener = listener;
            this.material = material;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), SUITES);
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
            return signer(context, crypto, identity);
        }

        @Override
        public CertificateRequest getCertificateRequest() {
            // WebRTC authenticates both ends (RFC 8827 §6.5): without the client's certificate there is nothing to pin
            return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                    TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
        }

        @Override
        public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
            expected.check(clientCertificate);
        }

        @Override
        public void processClientExtensions(Hashtable clientExtensions) throws IOException {
            super.processClientExtensions(clientExtensions);
            if (!offersOurProfile(TlsSRTPUtils.getUseSRTPExtension(clientExtensions))) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure,
                        "the far end offers no use_srtp SRTP_AES128_CM_HMAC_SHA1_80");
            }
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getServerExtensions() throws IOException {
            Hashtable ext = super.getServerExtensions();
            TlsSRTPUtils.addUseSRTPExtension(ext, ourSrtp());
            return ext;
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return HANDSHAKE_TIMEOUT_MS;
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            material[0] = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 60);
        }

        @Override
        public void notifyAlertReceived(short alertLevel, short alertDescription) {
            alert(listener, alertLevel, alertDescription);
        }
    }

    private static final class Client extends DefaultTlsClient {
        private final BcTlsCrypto crypto;
        private final Identity identity;
        private final Expected expected;
        private final Listener listener;
        private final byte[][] material;

        Client(BcTlsCrypto crypto, Identity identity, Expected expected, Listener listener, byte[][] material) {
            super(crypto);
            this.crypto = crypto;
            this.identity = identity;
            this.expected = expected;
            this.listener = listener;
            this.material = material;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), SUITES);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable ext = super.getClientExtensions();
            TlsSRTPUtils.addUseSRTPExtension(ext, ourSrtp());
            return ext;
        }

        @Override
        public void processServerExtensions(Hashtable serverExtensions) throws IOException {
            super.processServerExtensions(serverExtensions);
            if (!offersOurProfile(TlsSRTPUtils.getUseSRTPExtension(serverExtensions))) {
                throw new TlsFatalAlert(AlertDescription.illegal_parameter,
                        "the far end chose no use_srtp SRTP_AES128_CM_HMAC_SHA1_80");
            }
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    expected.check(serverCertificate.getCertificate());
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) throws IOException {
                    return signer(context, crypto, identity);
                }
            };
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return HANDSHAKE_TIMEOUT_MS;
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            material[0] = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 60);
        }

        @Override
        public void notifyAlertReceived(short alertLevel, short alertDescription) {
            alert(listener, alertLevel, alertDescription);
        }
    }

    /**
     * The DTLS side of the shared UDP socket: the receiving thread queues the far end's DTLS datagrams here (RFC 7983
     * first byte 20-63, from the ICE-selected address), BouncyCastle reads them on the DTLS thread.
     */
    static final class Channel implements DatagramTransport {

        /** Sends one datagram to the far end's selected address. */
        interface Sender {
            void send(byte[] buf, int off, int len) throws IOException;
        }

        private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(64);
        private final Sender sender;
        private volatile boolean closed;

        Channel(Sender sender) {
            this.sender = sender;
        }

        /** False when the queue is full (a flood: the datagram is dropped and the caller counts it). */
        boolean offer(byte[] datagram) {
            return !closed && inbound.offer(datagram);
        }

        @Override
        public int getReceiveLimit() {
            return 1500;
        }

        @Override
        public int getSendLimit() {
            // below any path MTU on the way (1280 for IPv6 minus IP/UDP headers): Chromium's own limit is similar
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            if (closed) {
                throw new IOException("media end closed");
            }
            byte[] d;
            try {
                d = inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("media end closed");
            }
            if (d == null) {
                if (closed) {
                    throw new IOException("media end closed");
                }
                return -1;
            }
            int n = Math.min(len, d.length);
            System.arraycopy(d, 0, buf, off, n);
            return n;
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("media end closed");
            }
            sender.send(buf, off, len);
        }

        @Override
        public void close() {
            closed = true;
            inbound.clear();
        }
    }
}
