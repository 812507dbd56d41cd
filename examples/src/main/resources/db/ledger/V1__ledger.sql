CREATE TABLE counter (
    id INTEGER PRIMARY KEY,
    n  INTEGER NOT NULL
);
INSERT INTO counter (id, n) VALUES (1, 0);
