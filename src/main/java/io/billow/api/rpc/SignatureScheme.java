package io.billow.api.rpc;

/** The request signature schemes the RPC API accepts. */
public enum SignatureScheme {
    /** Parameters {@code Signature}, {@code SignatureMethod=HMAC-SHA1}, {@code SignatureVersion=1.0}. */
    V2_HMAC_SHA1,
    /** Header {@code Authorization: ACS3-HMAC-SHA256 ...} with {@code x-acs-*} headers. */
    V3_HMAC_SHA256
}
