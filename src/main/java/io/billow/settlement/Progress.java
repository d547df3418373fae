package io.billow.settlement;

/** Told how far long work has come, so a person watching sees it move. */
@FunctionalInterface
public interface Progress {

    Progress SILENT = (done, what) -> { };

    void advanced(long done, String what);
}
