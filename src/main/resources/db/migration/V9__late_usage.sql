-- Counts usage samples that arrived for a period already over. A sample like that may land while
-- its period is being settled: the settlement batch that read the instance before the sample
-- compares this count when it writes and, if it moved, reads its instances again. The sample's
-- side holds the account row while it decides (under a lock that a batch's write waits for), so
-- either the batch sees the sample or the sample sees the bill and becomes an adjustment.
ALTER TABLE accounts ADD COLUMN late_usage bigint NOT NULL DEFAULT 0;
