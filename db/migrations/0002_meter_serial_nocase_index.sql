-- Meter serials are unique regardless of letter case ("ab-123" is the meter "AB-123"), and the
-- accounts module looks them up with COLLATE NOCASE: this index makes that a lookup, not a scan,
-- and makes the database itself refuse a case-variant duplicate.
CREATE UNIQUE INDEX meters_serial_nocase ON meters (serial COLLATE NOCASE);
