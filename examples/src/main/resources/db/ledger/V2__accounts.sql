CREATE TABLE account (
    id      INTEGER PRIMARY KEY,
    balance INTEGER NOT NULL
);
INSERT INTO account (id, balance) VALUES (1, 1000), (2, 1000), (3, 1000), (4, 1000);
