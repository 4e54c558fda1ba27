package sms

import (
	"strings"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/text"
)

// Greetings and thanks in the six languages (folded), and the words that
// go with them ("thank you very much", "asante sana", "bom dia"). A
// message of these words only names no need: it is answered with a short
// welcome, never with the category menu nor "not understood".
var (
	thanksWords   = wordSet("thanks", "thank", "thanx", "thx", "tks", "ty", "merci", "asante", "ahsante", "nashukuru", "mesi", "obrigado", "obrigada", "brigado", "gracias")
	greetingWords = wordSet("hi", "hello", "hey", "hallo", "helo", "morning", "afternoon", "evening",
		"bonjour", "bonsoir", "salut", "allo", "alo",
		"habari", "jambo", "hujambo", "mambo", "shikamoo", "salaam", "salam",
		"oi", "ola", "dia", "noite",
		"hola", "dias", "tardes", "noches", "buenas",
		"bonjou", "bonswa", "pase", "kijan")
	courtesyFill = wordSet("good", "you", "u", "very", "much", "so", "a", "lot", "all", "everyone", "there", "sir", "madam",
		"beaucoup", "bien", "tout", "le", "monde", "a", "vous", "madame", "monsieur",
		"sana", "nyingi", "za", "yako", "vipi", "poa", "sasa",
		"muito", "muita", "bom", "boa", "tarde", "tudo", "bem",
		"muchas", "mucho", "buenos", "buen", "que", "tal",
		"anpil", "sak", "ou", "ye", "tout", "moun")
)

// courtesy reads msg as a greeting or thanks: the reply key (ReplyThanks
// when it thanks, else ReplyWelcome) and true when every word of msg is
// a greeting, a thanks or a word that goes with them, or, when anyWord is
// true (a message that is no request), when any word is a greeting or a
// thanks ("power is back thank you").
func courtesy(msg string, anyWord bool) (string, bool) {
	thanks, greets, other := false, false, false
	for _, w := range strings.Fields(text.Fold(msg)) {
		switch {
		case thanksWords[w]:
			thanks = true
		case greetingWords[w]:
			greets = true
		case !courtesyFill[w]:
			other = true
		}
	}
	switch {
	case !thanks && !greets, other && !anyWord:
		return "", false
	case thanks:
		return ReplyThanks, true
	}
	return ReplyWelcome, true
}

// courteous answers a greeting or thanks that opens no conversation: a
// short welcome saying how to report, in the resident's language. Nothing
// is filed or kept (the action is refuse: no request).
func (e *Engine) courteous(m *message, key string) decision {
	reply := e.say(m.lang, key)
	return decision{out: e.outcome(m, reply), u: Understanding{Action: ActionRefuse, Categories: []classify.Need{}, Reply: reply}}
}

// metOnly reports whether res names no need, not even "other", and
// some needs met (classify.Result.Met): "we don't need tents", "nou pa
// bezwen manje", "the flood has gone down". Such a message asks for
// nothing: the category menu would ask for a problem it says the
// resident does not have.
func metOnly(res classify.Result) bool {
	return len(res.Needs) == 0 && len(res.Met) > 0
}

// noted answers a message whose only needs are met (metOnly) and that
// opens no conversation: it names them and says how to report, in the
// resident's language. Nothing is filed or kept (the action is refuse:
// no request).
func (e *Engine) noted(m *message, met []string) decision {
	reply := e.sayNeeds(met, m.lang, func(summary string) string { return e.say(m.lang, ReplyNoted, summary) })
	return decision{out: e.outcome(m, reply), u: Understanding{Action: ActionRefuse, Categories: []classify.Need{}, Met: met, Reply: reply}}
}
