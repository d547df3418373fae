CREATE TABLE schema_info (key text PRIMARY KEY, value text NOT NULL);
