create table counter (id integer primary key, n integer not null);
insert into counter (id, n) values (1, 0);
