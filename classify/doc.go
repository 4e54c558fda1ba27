// Package classify works out what a resident's message needs: the
// categories of the deployment's taxonomy it names, ranked by confidence
// (0 to 1), how likely it is to be a request for help at all, and the
// language it is written in.
//
// Two readers combine. The taxonomy's keywords in every language (a city
// adds a keyword or a language to its taxonomy file and it takes effect),
// with typo tolerance only where it cannot cross languages or hit short
// common words (KeywordMatcher). And a small statistical model shipped in
// the binary (model.json.gz: one-vs-rest logistic regression over folded
// words, word pairs and letter n-grams, with the keyword evidence as a
// feature), trained on real disaster messages in Haitian Creole, French
// and English (Munro 2012, CC BY 4.0; docs/sms.md). `make model` rebuilds
// it (classify/train) and `make eval-sms` measures it (classify/evalsms).
//
// The SMS engine decides with Result.Main (file the category, or ask for
// it) and Result.Refuse (answer "not understood"), under the thresholds of
// ModelRule, so that the rule has one home. The report importer reads
// labels with the KeywordMatcher alone.
//
// classify imports data (the taxonomy) and text (folding, words, stop
// words) only.
package classify
