-- Schema 3: what a figure measures ("of the data used for AI and analytics projects") and
-- the calendar year its time reference resolves to ("last year" in a 2025 article = 2024).

ALTER TABLE figures ADD COLUMN subject VARCHAR;
ALTER TABLE figures ADD COLUMN year INTEGER;
