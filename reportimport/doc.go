// Package reportimport brings reports an NGO already has into mtaa: a
// GeoJSON FeatureCollection of Point features (KoboToolbox, ODK, or mtaa's
// own export) or the CSV export of an Ushahidi deployment.
//
// Parse reads a whole file, recognising its format from its content,
// and checks every row: coordinates, the deployment area, the category
// (through a mapping file, then the taxonomy's ids, labels and keywords),
// the observed time and duplicate source ids. It returns the reports to
// store and the rows it rejects, each with its line (and feature index)
// and reason. Import then stores the reports in chunks with
// data.Store.CreateMany, or only counts them for a dry run. Every imported
// report carries an idempotency key derived from its source id (or, when
// it has none, from its content), so importing the same file twice stores
// nothing the second time.
//
// The package sits beside mapping and sms: it imports data, and sms for the
// multilingual category keywords. Both server (the admin upload endpoint)
// and cmd (mtaa import-reports) use it.
package reportimport
