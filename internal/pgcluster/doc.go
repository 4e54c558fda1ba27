// Package pgcluster starts a throwaway PostgreSQL cluster (initdb into a
// temporary folder, postgres on a free loopback port, trust
// authentication) for tests, benchmarks, `make run-cluster` and the crash
// tests, and removes it again on Stop. PostGIS is enabled in a template
// database so that each test gets a fresh database, with PostGIS, in a
// few milliseconds (NewDatabase).
//
// PostgreSQL refuses to run as root; when the process is root (as in CI)
// the cluster runs as the unprivileged user nobody (uid/gid 65534), which
// owns the temporary folder.
package pgcluster
