package io.billow.api.rpc;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides who sent an RPC request, by signature V3 when it carries an
 * {@code Authorization: ACS3-...} header and by signature V2 otherwise.
 *
 * <p>Checks run from the cheapest and least revealing to the one with a side effect:
 * <ol>
 *   <li>required parameters present ({@code MissingParameter}, {@code IncompleteSignature});</li>
 *   <li>timestamp well formed ({@code InvalidTimeStamp.Format}) and within ±15 minutes of
 *       {@code now} ({@code InvalidTimeStamp.Expired}, boundary included);</li>
 *   <li>the AccessKey exists ({@code InvalidAccessKeyId.NotFound});</li>
 *   <li>the signature matches ({@code SignatureDoesNotMatch});</li>
 *   <li>the nonce is new ({@code SignatureNonceUsed}).</li>
 * </ol>
 * The nonce is recorded last, only for a request whose signature is right. A request signed
 * with a wrong secret, or forged by someone who saw the nonce go by, therefore cannot burn it:
 * the genuine request with that nonce still succeeds afterwards, and only the holder of the
 * secret can use a nonce up. Replays cost one HMAC each before they are refused, which is cheap.
 *
 * <p>Pure: no clock, no I/O of its own; the nonce store is the one thing it changes.
 */
public final class RequestAuthenticator {

    /** How far a request's timestamp may be from the server's clock, either way. */
    public static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(15);

    /** Limits on what is looked up and stored per request. */
    public static final int MAX_ACCESS_KEY_ID_LENGTH = 128;
    public static final int MAX_NONCE_LENGTH = 128;

    private static final List<String> V2_REQUIRED = List.of(
            "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp");
    private static final Pattern UTC_TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    private final AccessKeySecrets secrets;
    private final NonceStore nonces;

    public RequestAuthenticator(AccessKeySecrets secrets, NonceStore nonces) {
        this.secrets = secrets;
        this.nonces = nonces;
    }

    public Outcome<Caller> authenticate(RpcRequest request, Instant now) {
        Optional<String> authorization = request.headers().get("Authorization");
        if (authorization.isPresent() && Acs3Authorization.isV3(authorization.get())) {
            return authenticateV3(request, authorization.get(), now, PercentEncoding.encodePath(request.path()));
        }
        return authenticateV2(request, now);
    }

    /**
     * Decides who sent a ROA request (method + resource path + JSON body). The SDKs sign those
     * with V3 only, over the path exactly as sent: {@code request.path()} must be the raw,
     * still percent-encoded path.
     */
    public Outcome<Caller> authenticateResourceRequest(RpcRequest request, Instant now) {
        Optional<String> authorization = request.headers().get("Authorization");
        if (authorization.isEmpty() || !Acs3Authorization.isV3(authorization.get())) {
            return Outcome.failed(RpcError.incompleteSignature("A resource-path (ROA) request is signed with "
                    + SignatureV3.ALGORITHM + " in the Authorization header."));
        }
        return authenticateV3(request, authorization.get(), now, request.path());
    }

    private Outcome<Caller> authenticateV2(RpcRequest request, Instant now) {
        Map<String, String> parameters = request.parameters();
        for (String name : V2_REQUIRED) {
            if (parameters.getOrDefault(name, "").isEmpty()) {
                return Outcome.failed(RpcError.missingParameter(name));
            }
        }
        if (!parameters.get("SignatureMethod").equals(SignatureV2.SIGNATURE_METHOD)) {
            return Outcome.failed(RpcError.invalidParameter("SignatureMethod",
                    "Only " + SignatureV2.SIGNATURE_METHOD + " is supported."));
        }
        if (!parameters.get("SignatureVersion").equals(SignatureV2.SIGNATURE_VERSION)) {
            return Outcome.failed(RpcError.invalidParameter("SignatureVersion",
                    "Only " + SignatureV2.SIGNATURE_VERSION + " is supported, or signature V3 in the Authorization header."));
        }
        String accessKeyId = parameters.get("AccessKeyId");
        String nonce = parameters.get("SignatureNonce");
        Optional<RpcError> invalid = checkLengths(accessKeyId, "AccessKeyId", nonce, "SignatureNonce");
        if (invalid.isPresent()) {
            return Outcome.failed(invalid.get());
        }
        Outcome<Instant> timestamp = checkTimestamp("Timestamp", parameters.get("Timestamp"), now);
        if (timestamp instanceof Outcome.Failed<Instant> failed) {
            return Outcome.failed(failed.error());
        }
        Optional<String> secret = secrets.secretOf(accessKeyId);
        if (secret.isEmpty()) {
            return Outcome.failed(RpcError.accessKeyNotFound(accessKeyId));
        }
        String stringToSign = SignatureV2.stringToSign(request.method(), parameters);
        String expected = SignatureV2.sign(secret.get(), stringToSign);
        if (!Digests.sameText(expected, parameters.get("Signature"))) {
            return Outcome.failed(RpcError.signatureDoesNotMatch(stringToSign));
        }
        return recordNonce(accessKeyId, nonce, ((Outcome.Ok<Instant>) timestamp).value(), SignatureScheme.V2_HMAC_SHA1);
    }

    private Outcome<Caller> authenticateV3(RpcRequest request, String authorizationHeader, Instant now, String canonicalUri) {
        Outcome<Acs3Authorization> parsed = Acs3Authorization.parse(authorizationHeader);
        if (parsed instanceof Outcome.Failed<Acs3Authorization> failed) {
            return Outcome.failed(failed.error());
        }
        Acs3Authorization authorization = ((Outcome.Ok<Acs3Authorization>) parsed).value();
        Headers headers = request.headers();
        for (String name : List.of("x-acs-date", "x-acs-signature-nonce")) {
            if (headers.get(name).map(String::trim).orElse("").isEmpty()) {
                return Outcome.failed(RpcError.missingParameter(name));
            }
        }
        // Every x-acs-* header steers the request (action, version, date, nonce, body hash,
        // token), so one left out of the signature could be changed in flight unnoticed.
        for (String name : headers.asMap().keySet()) {
            String lowerName = name.toLowerCase(Locale.ROOT);
            if (lowerName.startsWith("x-acs-") && !authorization.signedHeaders().contains(lowerName)) {
                return Outcome.failed(RpcError.incompleteSignature("The header " + lowerName
                        + " is present but not in SignedHeaders."));
            }
        }
        String hashedPayload = SignatureV3.hashedPayload(request.body());
        Optional<String> claimedHash = headers.get("x-acs-content-sha256").map(String::trim);
        if (claimedHash.isPresent() && !claimedHash.get().equalsIgnoreCase(hashedPayload)) {
            return Outcome.failed(RpcError.incompleteSignature(
                    "The x-acs-content-sha256 header is not the SHA-256 of the request body received."));
        }
        String accessKeyId = authorization.accessKeyId();
        String nonce = headers.get("x-acs-signature-nonce").orElseThrow().trim();
        Optional<RpcError> invalid = checkLengths(accessKeyId, "Credential", nonce, "x-acs-signature-nonce");
        if (invalid.isPresent()) {
            return Outcome.failed(invalid.get());
        }
        Outcome<Instant> timestamp = checkTimestamp("x-acs-date", headers.get("x-acs-date").orElseThrow().trim(), now);
        if (timestamp instanceof Outcome.Failed<Instant> failed) {
            return Outcome.failed(failed.error());
        }
        Optional<String> secret = secrets.secretOf(accessKeyId);
        if (secret.isEmpty()) {
            return Outcome.failed(RpcError.accessKeyNotFound(accessKeyId));
        }
        String canonicalRequest = SignatureV3.canonicalRequestOfUri(request.method(), canonicalUri, request.query(),
                headers, authorization.signedHeaders(), hashedPayload);
        String expected = SignatureV3.sign(secret.get(), SignatureV3.stringToSign(canonicalRequest));
        if (!Digests.sameText(expected, authorization.signature().toLowerCase(Locale.ROOT))) {
            // The Java SDK keeps the canonical request as its "string to sign", so that is what
            // it can compare with to tell a wrong secret apart.
            return Outcome.failed(RpcError.signatureDoesNotMatch(canonicalRequest));
        }
        return recordNonce(accessKeyId, nonce, ((Outcome.Ok<Instant>) timestamp).value(), SignatureScheme.V3_HMAC_SHA256);
    }

    private Outcome<Caller> recordNonce(String accessKeyId, String nonce, Instant timestamp, SignatureScheme scheme) {
        // A request dated T passes the timestamp check until T + tolerance; after that its
        // nonce can no longer be replayed and need not be remembered.
        if (!nonces.firstUse(accessKeyId, nonce, timestamp.plus(TIMESTAMP_TOLERANCE))) {
            return Outcome.failed(RpcError.nonceUsed());
        }
        return Outcome.ok(new Caller(accessKeyId, scheme));
    }

    private static Optional<RpcError> checkLengths(String accessKeyId, String keyName, String nonce, String nonceName) {
        if (accessKeyId.length() > MAX_ACCESS_KEY_ID_LENGTH) {
            return Optional.of(RpcError.invalidParameter(keyName,
                    "It is longer than " + MAX_ACCESS_KEY_ID_LENGTH + " characters."));
        }
        if (nonce.length() > MAX_NONCE_LENGTH) {
            return Optional.of(RpcError.invalidParameter(nonceName,
                    "It is longer than " + MAX_NONCE_LENGTH + " characters."));
        }
        return Optional.empty();
    }

    private static Outcome<Instant> checkTimestamp(String name, String value, Instant now) {
        Instant timestamp;
        if (!UTC_TIMESTAMP.matcher(value).matches()) {
            return Outcome.failed(RpcError.timestampFormat(name, value));
        }
        try {
            timestamp = Instant.parse(value);
        } catch (DateTimeParseException notADate) {
            return Outcome.failed(RpcError.timestampFormat(name, value));
        }
        if (Duration.between(timestamp, now).abs().compareTo(TIMESTAMP_TOLERANCE) > 0) {
            return Outcome.failed(RpcError.timestampExpired(timestamp, now, TIMESTAMP_TOLERANCE));
        }
        return Outcome.ok(timestamp);
    }
}
