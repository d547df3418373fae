-- The scheduler asks, every tick, for the next release and the next overdue step. Both were
-- answered by scanning every instance and every account; these partial indexes hold only the
-- rows still waiting, so the answer costs a few pages however large the fleet grows.
CREATE INDEX instances_release_due ON instances (release_at) WHERE release_at IS NOT NULL AND released_at IS NULL;
CREATE INDEX accounts_overdue ON accounts (overdue_since) WHERE overdue_since IS NOT NULL AND overdue_stage < 2;
