package io.billow.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A storage type's range narrowed by a class's own limits: exactly the sizes both allow, or none. */
class StorageRangeTest {

    private static final StorageRange ESSD = new StorageRange(20, 64_000, 5);

    @Test
    void aClassLimitNarrowsTheTypesRangeToTheSizesBothAllow() {
        assertThat(ESSD.narrowedBy(new StorageRange(50, 6_000, 50))).contains(new StorageRange(50, 6_000, 50));
        // 22–90 in steps of 1: the first size of both is 25, the last 90.
        assertThat(ESSD.narrowedBy(new StorageRange(22, 90, 1))).contains(new StorageRange(25, 90, 5));
        // 21–99 in steps of 2 against steps of 5 from 20: neither step divides the other.
        assertThat(ESSD.narrowedBy(new StorageRange(21, 99, 2))).isEmpty();
        assertThat(ESSD.narrowedBy(new StorageRange(1, 19, 1))).as("no size in common").isEmpty();
        // Steps of 10 from 21 never meet steps of 5 from 20.
        assertThat(ESSD.narrowedBy(new StorageRange(21, 1_000, 10))).isEmpty();
    }

    @Test
    void sizesAreOnTheStepFromTheMinimumAndARangeStartingAboveZeroIsRequired() {
        assertThat(ESSD.allows(20)).isTrue();
        assertThat(ESSD.allows(64_000)).isTrue();
        assertThat(ESSD.allows(22)).isFalse();
        assertThat(ESSD.allows(19)).isFalse();
        assertThat(ESSD.allows(64_005)).isFalse();
        assertThat(ESSD.required()).isTrue();
        assertThat(StorageRange.UNBOUNDED.required()).isFalse();
        assertThatThrownBy(() -> new StorageRange(30, 20, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
