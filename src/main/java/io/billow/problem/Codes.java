package io.billow.problem;

/** Stable problem codes of the native API that have no Alibaba counterpart. */
public final class Codes {
    public static final String MALFORMED_JSON = "MalformedJson";
    public static final String UNKNOWN_FIELD = "UnknownField";
    public static final String MISSING_PARAMETER = "MissingParameter";
    /** The provisioner (the infrastructure) failed a change; nothing was charged, and a retry may succeed. */
    public static final String PROVISIONING_FAILED = "ProvisioningFailed";
    public static final String INVALID_PARAMETER = "InvalidParameter";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String INSTANCE_NOT_FOUND = "InvalidDBInstanceId.NotFound";
    public static final String ACCOUNT_NOT_FOUND = "AccountNotFound";
    public static final String CLOCK_NOT_SIMULATED = "ClockNotSimulated";
    public static final String CLOCK_BACKWARDS = "ClockBackwards";
    public static final String PRICE_NOT_FOUND = "InvalidParameter.PriceNotFound";
    public static final String USAGE_TOO_LATE = "UsageTooLate";
    /** A usage report names a count or level its product does not bill. */
    public static final String UNKNOWN_USAGE = "InvalidParameter.UsageItem";
    public static final String INCORRECT_STATE = "IncorrectDBInstanceState";
    public static final String INSUFFICIENT_BALANCE = "InsufficientBalance";
    /** A topic, group or other named resource of an instance. */
    public static final String RESOURCE_EXISTS = "ResourceAlreadyExists";
    public static final String RESOURCE_NOT_FOUND = "Resource.NotFound";
    public static final String RESOURCE_QUOTA = "QuotaExceeded.Resource";
    /** The web server refused the request itself: a malformed request line, path, header or framing. */
    public static final String MALFORMED_REQUEST = "MalformedRequest";
    public static final String METHOD_NOT_ALLOWED = "MethodNotAllowed";
    public static final String REQUEST_TIMEOUT = "RequestTimeout";
    public static final String REQUEST_TOO_LARGE = "RequestTooLarge";
    public static final String URI_TOO_LONG = "RequestUriTooLong";
    public static final String HEADERS_TOO_LARGE = "RequestHeadersTooLarge";
    public static final String HTTP_VERSION = "HttpVersionNotSupported";
    public static final String INTERNAL_ERROR = "InternalError";
    /** Every request slot and place in the queue is taken (or the wait outlasted the timeout): retry shortly. */
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";
    /** The account sent more requests than its rate allows; the answer says when to retry. */
    public static final String THROTTLING_USER = "Throttling.User";
    /** A webhook URL that points at this machine or a private network (refused unless local webhooks are allowed). */
    public static final String WEBHOOK_DESTINATION = "InvalidParameter.WebhookDestination";
    /** The instance's subscription expired (Locked) or it was stopped for debt: renew or top up first. */
    public static final String INSTANCE_EXPIRED = "InstanceExpired";

    /**
     * A change dated before hours its account has already settled (a node whose clock lags the one
     * that settled them): those hours' bills are final, so it is refused; retried, it is dated now.
     */
    public static final String BEFORE_SETTLED_HOURS = "IncorrectTime.BeforeSettledHours";

    private Codes() {
    }
}
