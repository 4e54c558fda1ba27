// Package classify works out what a resident's message needs: the
// categories of the deployment's taxonomy it names, ranked, each with a
// confidence from 0 to 1, and the language it is written in.
//
// It reads the taxonomy's keywords in every language (a city adds a
// keyword or a language to its taxonomy file and it takes effect), with
// typo tolerance only where it cannot cross languages or hit short common
// words. The SMS channel and the report importer both classify through
// it, so a message and an imported label are read alike.
//
// classify imports data (the taxonomy) and text (folding, words, stop
// words) only.
package classify
