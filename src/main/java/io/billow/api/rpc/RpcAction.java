package io.billow.api.rpc;

/**
 * One action of the RPC API, such as RDS {@code DescribeDBInstanceAttribute}. It reads the
 * call and answers with the result fields; it refuses by throwing {@link RpcFailure}, or any
 * exception the gateway's {@link ExceptionTranslator} knows. Anything else is a fault and
 * becomes {@code InternalError}.
 */
@FunctionalInterface
public interface RpcAction {

    RpcResult handle(RpcCall call);
}
