package pgkv_test

// baselines are the engines pgkv's benchmarks compare with.
var baselines []engine
