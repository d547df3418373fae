package io.billow.product.rocketmq5.roa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billow.api.roa.RoaCall;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A page of a listing, as the List operations take it: {@code pageNumber} from 1 and
 * {@code pageSize} within the operation's bounds, both required ({@code MissingPageNumber}); the
 * answer is {@code {pageNumber, pageSize, totalCount, list}}.
 */
record Mq5Paging(int pageNumber, int pageSize) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE_NUMBER = 100_000_000;

    static Mq5Paging of(RoaCall call, int minSize, int maxSize) {
        return new Mq5Paging(number(call, "pageNumber", 1, MAX_PAGE_NUMBER), number(call, "pageSize", minSize, maxSize));
    }

    <T> ObjectNode page(List<T> all, Function<T, JsonNode> view) {
        ObjectNode out = JSON.createObjectNode().put("pageNumber", pageNumber).put("pageSize", pageSize).put("totalCount", all.size());
        ArrayNode list = out.putArray("list");
        long from = (long) (pageNumber - 1) * pageSize;
        all.stream().skip(from).limit(pageSize).forEach(item -> list.add(view.apply(item)));
        return out;
    }

    private static int number(RoaCall call, String name, int min, int max) {
        Optional<String> text = call.queryParameter(name);
        if (text.isEmpty()) {
            throw Mq5Errors.missing(name);
        }
        if (!text.get().matches("\\d{1,9}") || Integer.parseInt(text.get()) < min || Integer.parseInt(text.get()) > max) {
            throw Mq5Errors.invalid(name, "It must be a whole number from " + min + " to " + max + ".");
        }
        return Integer.parseInt(text.get());
    }
}
