package io.billow.catalog;

/** Which attribute of the instance names the spec an item is priced at. */
public enum SpecSource {
    /** The instance class (pg.x4.large.2c, an instance type such as shared.s1). */
    CLASS,
    /** The edition (Basic, HighAvailability, Standard, Shared...). */
    EDITION,
    /** The storage type (cloud_essd, general_essd...). */
    STORAGE_TYPE,
    /** Priced the same for every instance: the spec is "*". */
    NONE
}
