package mapping

import "strings"

// ordinaryWords holds the canonical forms of ordinaryWordList: words
// residents write in ordinary messages, which never find a place alone.
var ordinaryWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(ordinaryWordList) {
		m[canonical(w)] = true
	}
	return m
}()

// ordinaryWord reports whether canonical token w is an ordinary word.
func ordinaryWord(w string) bool { return ordinaryWords[w] }
