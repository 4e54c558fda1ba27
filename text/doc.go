// Package text is mtaa's one home for reading words: it folds text for
// matching (case, diacritics, script rules), splits it into words with the
// byte span each came from, compares words with a bounded edit distance,
// and knows the function words of the six languages residents write in
// (English, French, Swahili, Portuguese, Spanish, Haitian Creole). For
// text shown to people it also cuts to a length limit and writes counts
// with the words that agree ("1 row", "2 rows").
//
// The SMS grammar, the category classifier, the OSM gazetteer, the
// taxonomy's validation and the report importer all fold text here, so
// that a keyword, a message and a place name written alike are read alike.
//
// text imports only the standard library and golang.org/x/text.
package text
