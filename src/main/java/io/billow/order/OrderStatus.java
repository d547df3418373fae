package io.billow.order;

/** Where an order is: created → paid → fulfilled, or failed (→ refunded if it had been paid). */
public enum OrderStatus {
    CREATED, PAID, FULFILLED, FAILED, REFUNDED
}
