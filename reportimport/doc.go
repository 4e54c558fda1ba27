// Package reportimport brings reports an NGO already has into mtaa: a
// GeoJSON FeatureCollection (KoboToolbox, ODK, mtaa's own export, or a
// published layer of lines and areas), or a CSV export of Ushahidi (2.x or
// v3+), KoboToolbox or ODK Central.
//
// Parse reads a whole file, recognising its format from its content,
// decides the order of its dates from all of them, and checks every row:
// coordinates, the deployment area (or, without one, the bulk of the file),
// the categories (through a mapping file, the taxonomy's ids and labels,
// the known label families of Ushahidi deployments, then its keywords),
// the observed time and duplicate source ids. It returns the reports to
// store, each with every need its labels matched and the labels
// themselves, and the rows it rejects, each with its line (and feature
// index) and reason. Import then stores the reports in chunks with
// data.Store.CreateMany, or only counts them for a dry run; rows an earlier
// import stored are compared with the file and, when asked, corrected
// through data.Store.UpdateReport (audited). Every imported report carries
// an idempotency key derived from its source id (or, when it has none,
// from its content), so importing the same file twice stores nothing the
// second time.
//
// The package sits beside sms: it imports data, text and classify (the
// multilingual category keywords), and mapping for its geometry helpers.
// Both server (the admin upload endpoint) and cmd (mtaa import-reports)
// use it.
package reportimport
