-- Issue #13: a country on the customer's mailing address (ISO 3166-1 code), so a foreign address is
-- kept as written instead of forced into US ZIP form. Every existing address is in the US: the
-- default says so, and ADD COLUMN with a constant default rewrites no row.
ALTER TABLE `customers` ADD `mailing_country` text DEFAULT 'US' NOT NULL;