package io.billow.api.rpc;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An error of the Alibaba-compatible RPC API: a stable code the SDKs switch on, the HTTP
 * status the SDKs read to choose {@code ClientException} (below 500) or
 * {@code ServerException} (500 and above), a human message, and a hint.
 *
 * <p>Messages keep Alibaba's wording where callers may match on it.
 */
public record RpcError(String code, int httpStatus, String message, String recommend) {

    /** What the SDK looks for in a signature error to tell a wrong secret from a bad signer. */
    static final String SERVER_STRING_TO_SIGN = "server string to sign is:";

    public RpcError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recommend, "recommend");
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("an error needs a 4xx or 5xx status, got " + httpStatus);
        }
    }

    public static RpcError of(String code, int httpStatus, String message) {
        return new RpcError(code, httpStatus, message, "");
    }

    /**
     * The database could not be reached (a failover): a 503, which the SDKs raise as a
     * ServerException that callers retry, in Alibaba's wording for a temporary failure.
     */
    public static RpcError databaseUnavailable() {
        return new RpcError("ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server.",
                "Retry the request shortly; a change made with a ClientToken is safe to send again.");
    }

    public static RpcError missingParameter(String name) {
        return of("MissingParameter", 400, "The input parameter \"" + name
                + "\" that is mandatory for processing this request is not supplied.");
    }

    public static RpcError invalidParameter(String name, String why) {
        return of("InvalidParameter", 400, "The specified parameter \"" + name + "\" is not valid. " + why);
    }

    public static RpcError accessKeyNotFound(String accessKeyId) {
        return new RpcError("InvalidAccessKeyId.NotFound", 404, "Specified access key is not found.",
                "Check the AccessKeyId \"" + accessKeyId + "\": it must be an active key of this Billow server.");
    }

    /**
     * The message ends with the string the server signed and nothing after it: the Java SDK
     * compares that tail with its own string to sign and, when they are equal, reports
     * {@code SDK.InvalidAccessKeySecret} instead, which is the useful diagnosis.
     */
    public static RpcError signatureDoesNotMatch(String serverStringToSign) {
        return new RpcError("SignatureDoesNotMatch", 400,
                "Specified signature is not matched with our calculation. " + SERVER_STRING_TO_SIGN
                        + serverStringToSign,
                "InvalidAccessKeySecret: if the string to sign above equals yours, check your AccessKeySecret.");
    }

    public static RpcError incompleteSignature(String why) {
        return of("IncompleteSignature", 400,
                "The request signature does not conform to Aliyun standards. " + why);
    }

    public static RpcError timestampFormat(String parameter, String value) {
        return of("InvalidTimeStamp.Format", 400, "Specified time stamp or date value is not well formatted. "
                + parameter + " is \"" + value + "\"; expected UTC as yyyy-MM-ddTHH:mm:ssZ.");
    }

    public static RpcError timestampExpired(Instant requestTime, Instant serverTime, Duration tolerance) {
        return of("InvalidTimeStamp.Expired", 400, "Specified time stamp or date value is expired. The request time is "
                + requestTime + ", the server time is " + serverTime + "; they may differ by at most "
                + tolerance.toMinutes() + " minutes.");
    }

    public static RpcError nonceUsed() {
        return of("SignatureNonceUsed", 400, "Specified signature nonce was used already.");
    }
}
