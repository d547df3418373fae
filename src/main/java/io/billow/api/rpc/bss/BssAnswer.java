package io.billow.api.rpc.bss;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.rpc.RpcError;
import io.billow.api.rpc.RpcFailure;
import io.billow.api.rpc.RpcParameters;
import io.billow.api.rpc.RpcResult;

/** BSS answers wrap their Data in Code, Message and Success, and page with PageNum and PageSize. */
final class BssAnswer {

    static final int MAX_PAGE_SIZE = 300;

    private BssAnswer() {
    }

    static ObjectNode success() {
        return RpcResult.newObject().put("Code", "Success").put("Message", "Successful!").put("Success", true);
    }

    record Page(int number, int size) {
        long skip() {
            return (long) (number - 1) * size;
        }
    }

    static Page page(RpcParameters p) {
        int number = p.optionalInt("PageNum").orElse(1);
        int size = p.optionalInt("PageSize").orElse(20);
        if (number < 1) {
            throw new RpcFailure(RpcError.invalidParameter("PageNum", "It must be 1 or more."));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new RpcFailure(RpcError.invalidParameter("PageSize", "It must be within 1–" + MAX_PAGE_SIZE + "."));
        }
        return new Page(number, size);
    }

    /** Billow's product codes are {@code <alibaba product>-<engine>}: rds-postgresql is BSS product rds. */
    static String productCode(String billowProduct) {
        int dash = billowProduct.indexOf('-');
        return dash < 0 ? billowProduct : billowProduct.substring(0, dash);
    }
}
