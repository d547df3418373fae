package io.billow.provision;

import io.billow.catalog.BillingMethod;

import java.time.Duration;

/**
 * Where lifecycle changes actually happen. Billow decides what to charge and when; the
 * provisioner says how long a change takes, whether a zone has room, and whether it worked.
 * A real deployment plugs its own; {@link SimulatedProvisioner} stands in for tests and demos.
 */
public interface Provisioner {

    /** How long an operation of this kind takes for a product. */
    Duration duration(String product, String operationKind);

    /** Reserves room for one instance of (product, method) in a zone; false if the zone is full. */
    boolean reserve(String product, String zoneId, BillingMethod method);

    /** Whether the zone has room for one more, without taking it (eligibility checks and estimates). */
    boolean hasRoom(String product, String zoneId, BillingMethod method);

    /** Gives back a reservation (the change failed or the instance left the zone). */
    void release(String product, String zoneId, BillingMethod method);

    /** Carries out an operation when it is due; false if the infrastructure failed it. */
    boolean perform(String product, String operationKind, String instanceId);
}
