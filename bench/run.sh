#!/bin/sh
# Short benchmark suite (a few minutes on 2 cores): builds bench/target/benchmarks.jar, writes bench/results/.
cd "$(dirname "$0")/.." && mvn -q -B -pl bench -am package -DskipTests && java -cp bench/target/benchmarks.jar io.pooledsqlite.bench.BenchSuite bench/results
