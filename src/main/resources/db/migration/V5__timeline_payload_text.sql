-- Timeline payloads are written and read whole, never queried inside: as text they are stored as
-- Billow wrote them and read without the conversion jsonb needs on the way out, which was most of
-- what reading a batch of timelines cost settlement.
ALTER TABLE timeline_events ALTER COLUMN payload TYPE text USING payload::text;
