package io.billow.bench;

import io.billow.clock.BillowClock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What one benchmark client does: an account's mix of RDS calls through the RPC gateway (lists,
 * attribute reads, creations, spec changes) and usage reports for its serverless instances. Spec
 * changes go to instances whose last change has had time to finish, oldest first.
 */
final class ApiWorkload {

    static final String RDS = "2014-08-15";

    /** The mix, in percent; reads dominate, as they do for a console and its SDK users. */
    enum Kind {
        DESCRIBE_INSTANCES(25), DESCRIBE_ATTRIBUTE(30), RECORD_USAGE(20), CREATE(10), MODIFY_SPEC(15);

        final int percent;

        Kind(int percent) {
            this.percent = percent;
        }

        static Kind pick(int roll) {
            int sum = 0;
            for (Kind k : values()) {
                sum += k.percent;
                if (roll < sum) {
                    return k;
                }
            }
            return DESCRIBE_ATTRIBUTE;
        }
    }

    private record Ready(String instanceId, String nextClass, long readyAtNanos) {
    }

    /** Time for a spec change to complete: zero-length operations finish on the server's next one-second tick. */
    private static final long SETTLE_NANOS = 2_500_000_000L;

    private final SignedRpc rpc;
    private final BillowClock wallClock;
    private final Random random;
    private final List<String> instances = new ArrayList<>();
    private final Deque<Ready> changeable = new ArrayDeque<>();
    private final List<String> serverless = new ArrayList<>();
    final Map<Kind, Latencies> latencies = new EnumMap<>(Kind.class);
    final Map<String, Integer> failures = new TreeMap<>();
    int serverErrors;
    /** Read by the progress line from another thread. */
    private volatile long requests;

    ApiWorkload(SignedRpc rpc, BillowClock wallClock, long seed) {
        this.rpc = rpc;
        this.wallClock = wallClock;
        this.random = new Random(seed);
        for (Kind k : Kind.values()) {
            latencies.put(k, new Latencies());
        }
    }

    /** The account's starting fleet: pay-as-you-go instances to change and serverless ones to report usage for. */
    void prepare(int payAsYouGo, int serverlessCount) {
        for (String role : List.of("pgsql-onecs.rds.aliyuncs.com", "rdsproxy-onecs.rds.aliyuncs.com")) {
            expectOk(rpc.call("2015-05-01", "CreateServiceLinkedRole", Map.of("ServiceName", role)), "CreateServiceLinkedRole");
        }
        for (int i = 0; i < payAsYouGo; i++) {
            String id = expectOk(create(), "CreateDBInstance").body().path("DBInstanceId").asText();
            instances.add(id);
            changeable.add(new Ready(id, "pg.n2.small.2c", 0));
        }
        for (int i = 0; i < serverlessCount; i++) {
            serverless.add(expectOk(rpc.call(RDS, "CreateDBInstance", Map.of("RegionId", "cn-hangzhou", "Engine", "PostgreSQL",
                    "EngineVersion", "16.0", "DBInstanceClass", "pg.n2.serverless.2c", "DBInstanceStorage", "20",
                    "DBInstanceStorageType", "cloud_essd", "PayType", "Serverless",
                    "ServerlessConfig", "{\"MinCapacity\":0.5,\"MaxCapacity\":8,\"AutoPause\":false,\"SwitchForce\":false}")),
                    "CreateDBInstance (serverless)").body().path("DBInstanceId").asText());
        }
    }

    long requests() {
        return requests;
    }

    /** Forgets what the warm-up measured; the fleet it built stays. */
    void resetFigures() {
        latencies.replaceAll((k, l) -> new Latencies());
        failures.clear();
        serverErrors = 0;
        requests = 0;
    }

    /** One request of the mix, timed. */
    void next() {
        Kind kind = Kind.pick(random.nextInt(100));
        if (kind == Kind.MODIFY_SPEC && (changeable.isEmpty() || changeable.peekFirst().readyAtNanos() > System.nanoTime())) {
            kind = Kind.DESCRIBE_ATTRIBUTE;
        }
        long started = System.nanoTime();
        SignedRpc.Answer answer = run(kind);
        latencies.get(kind).add(System.nanoTime() - started);
        requests++;
        if (answer.status() >= 500 || answer.status() == 0) {
            serverErrors++;
        }
        if (answer.status() >= 300) {
            failures.merge(kind + " " + answer.status() + " " + answer.code(), 1, Integer::sum);
        }
    }

    private SignedRpc.Answer run(Kind kind) {
        return switch (kind) {
            case DESCRIBE_INSTANCES -> rpc.call(RDS, "DescribeDBInstances", Map.of("RegionId", "cn-hangzhou", "PageSize", "30",
                    "PageNumber", Integer.toString(1 + random.nextInt(Math.max(1, instances.size() / 30)))));
            case DESCRIBE_ATTRIBUTE -> rpc.call(RDS, "DescribeDBInstanceAttribute", Map.of("DBInstanceId", anyInstance()));
            case RECORD_USAGE -> rpc.post("/api/v1/instances/" + serverless.get(random.nextInt(serverless.size())) + "/usage",
                    "{\"eventId\":\"" + UUID.randomUUID() + "\",\"at\":\"" + wallClock.now() + "\",\"rcu\":\"" + (1 + random.nextInt(8)) + ".5\"}");
            case CREATE -> {
                SignedRpc.Answer a = create();
                if (a.status() == 200) {
                    String id = a.body().path("DBInstanceId").asText();
                    instances.add(id);
                    changeable.addLast(new Ready(id, "pg.n2.small.2c", System.nanoTime() + SETTLE_NANOS));
                }
                yield a;
            }
            case MODIFY_SPEC -> {
                Ready r = changeable.pollFirst();
                SignedRpc.Answer a = rpc.call(RDS, "ModifyDBInstanceSpec", Map.of("DBInstanceId", r.instanceId(),
                        "DBInstanceClass", r.nextClass()));
                String back = r.nextClass().equals("pg.n2.small.2c") ? "pg.n2.medium.2c" : "pg.n2.small.2c";
                changeable.addLast(new Ready(r.instanceId(), a.status() == 200 ? back : r.nextClass(), System.nanoTime() + SETTLE_NANOS));
                yield a;
            }
        };
    }

    private SignedRpc.Answer create() {
        return rpc.call(RDS, "CreateDBInstance", Map.of("RegionId", "cn-hangzhou", "Engine", "PostgreSQL", "EngineVersion", "16.0",
                "DBInstanceClass", "pg.n2.medium.2c", "DBInstanceStorage", "100", "DBInstanceStorageType", "cloud_essd",
                "PayType", "Postpaid"));
    }

    private String anyInstance() {
        return instances.get(random.nextInt(instances.size()));
    }

    private static SignedRpc.Answer expectOk(SignedRpc.Answer a, String what) {
        if (a.status() != 200 && a.status() != 201) {
            throw new IllegalStateException(what + " was refused while preparing the benchmark: " + a.status() + " " + a.body());
        }
        return a;
    }
}
