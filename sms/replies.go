package sms

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/mtaa-project/mtaa/text"
)

// Languages returns the languages replies are written in: en, fr, sw, pt,
// es and ht, the languages of package text.
func Languages() []string { return slices.Clone(text.Languages) }

// Reply keys.
const (
	ReplyReportReceived = "report_received" // args: ref (uint64), category label, place description
	ReplyAskPlace       = "ask_place"       // no args: where is it? send a landmark, street or plus code
	ReplyChoosePlace    = "choose_place"    // args: numbered choices "1 X, 2 Y, 3 Z"
	ReplyStatus         = "status"          // args: ref, status label, category label
	ReplyNotFound       = "not_found"       // args: ref
	ReplyHelp           = "help"            // no args: how to report, STATUS n, JOIN area, STOP
	ReplyNotUnderstood  = "not_understood"  // no args: what to send
	ReplyJoined         = "joined"          // args: area name
	ReplyLeft           = "left"            // no args
	ReplyStopped        = "stopped"         // no args: you will get no more messages; START to resume
	ReplyStarted        = "started"         // no args
	ReplyRateLimited    = "rate_limited"    // no args: too many messages, try again later
	ReplyJoinUnknown    = "join_unknown"    // args: the text they sent
)

// replies holds the reply templates by language and key. Templates are
// fmt formats; explicit argument indexes (%[1]d) let a language reorder or
// repeat arguments. Texts avoid letters outside the GSM 03.38 alphabet
// (Spanish and Portuguese are written without their accents, French keeps
// é è à ù), so that a reply goes out as one 160-character GSM-7 SMS rather
// than a 70-character UCS-2 one.
var replies = map[string]map[string]string{
	"en": {
		ReplyReportReceived: "Thank you! Report #%[1]d (%[2]s) received: near %[3]s. To follow it send STATUS %[1]d",
		ReplyAskPlace:       "Where is it? Reply with a landmark (school, market, mosque, church), a street name or a plus code like 6GCRPR6C+24.",
		ReplyChoosePlace:    "Which place? Reply with its number: %s",
		ReplyStatus:         "Report #%[1]d (%[3]s): %[2]s.",
		ReplyNotFound:       "No report #%d found. Check the number and send STATUS and the number, e.g. STATUS 123.",
		ReplyHelp:           "To report send what and where, e.g. FLOOD near Tandale market. STATUS 123 to follow report 123. JOIN and an area for alerts. STOP to end messages.",
		ReplyNotUnderstood:  "Sorry, we did not understand. Send the problem and the place, e.g. FIRE near Mwembeni school, or HELP.",
		ReplyJoined:         "You will now get alerts for %s. Send LEAVE to stop them.",
		ReplyLeft:           "You will no longer get area alerts. Send JOIN and an area name to join again.",
		ReplyStopped:        "You will get no more messages from us. Send START to resume.",
		ReplyStarted:        "Welcome back! You will get our messages again. Send HELP to learn how to report.",
		ReplyRateLimited:    "Too many messages. Please try again later.",
		ReplyJoinUnknown:    "We do not know the area \"%s\". Send JOIN and a neighbourhood or ward name, e.g. JOIN Tandale.",
	},
	"sw": {
		ReplyReportReceived: "Asante! Ripoti #%[1]d (%[2]s) imepokelewa: karibu na %[3]s. Kuifuatilia tuma STATUS %[1]d",
		ReplyAskPlace:       "Ni wapi? Jibu kwa alama inayojulikana (shule, soko, msikiti, kanisa), jina la mtaa au plus code kama 6GCRPR6C+24.",
		ReplyChoosePlace:    "Ni mahali gani? Jibu kwa namba yake: %s",
		ReplyStatus:         "Ripoti #%[1]d (%[3]s): %[2]s.",
		ReplyNotFound:       "Hakuna ripoti #%d. Hakikisha namba na utume STATUS na namba, mfano STATUS 123.",
		ReplyHelp:           "Kuripoti tuma tatizo na mahali, mfano MAFURIKO karibu na Soko la Tandale. STATUS 123 kufuatilia ripoti. JOIN na eneo kupata taarifa. STOP kuacha.",
		ReplyNotUnderstood:  "Samahani, hatukuelewa. Tuma tatizo na mahali, mfano MOTO karibu na shule ya Mwembeni, au HELP.",
		ReplyJoined:         "Sasa utapata taarifa za %s. Tuma LEAVE kuziacha.",
		ReplyLeft:           "Hutapata tena taarifa za eneo. Tuma JOIN na jina la eneo kujiunga tena.",
		ReplyStopped:        "Hutapata ujumbe zaidi kutoka kwetu. Tuma START kuanza tena.",
		ReplyStarted:        "Karibu tena! Utapata ujumbe wetu tena. Tuma HELP kujua jinsi ya kuripoti.",
		ReplyRateLimited:    "Ujumbe ni mwingi mno. Tafadhali jaribu tena baadaye.",
		ReplyJoinUnknown:    "Hatulijui eneo \"%s\". Tuma JOIN na jina la mtaa au kata, mfano JOIN Tandale.",
	},
	"fr": {
		ReplyReportReceived: "Merci ! Signalement #%[1]d (%[2]s) enregistré, lieu : %[3]s. Pour le suivre envoyez STATUS %[1]d",
		ReplyAskPlace:       "Où est-ce ? Répondez avec un repère (école, marché, mosquée, église), un nom de rue ou un plus code comme 6GCRPR6C+24.",
		ReplyChoosePlace:    "Quel endroit ? Répondez avec son numéro : %s",
		ReplyStatus:         "Signalement #%[1]d (%[3]s) : %[2]s.",
		ReplyNotFound:       "Aucun signalement #%d. Vérifiez le numéro et envoyez STATUS et le numéro, ex. STATUS 123.",
		ReplyHelp:           "Pour signaler envoyez quoi et où, ex. INONDATION près du marché. STATUS 123 pour suivre. JOIN et un quartier pour les alertes. STOP pour ne plus rien recevoir.",
		ReplyNotUnderstood:  "Désolé, nous n'avons pas compris. Envoyez le problème et le lieu, ex. FEU près de l'école, ou HELP.",
		ReplyJoined:         "Vous recevrez les alertes pour %s. Envoyez LEAVE pour ne plus les recevoir.",
		ReplyLeft:           "Vous ne recevrez plus d'alertes de quartier. Envoyez JOIN et un nom de quartier pour revenir.",
		ReplyStopped:        "Vous ne recevrez plus de messages de notre part. Envoyez START pour reprendre.",
		ReplyStarted:        "Bon retour ! Vous recevrez à nouveau nos messages. Envoyez HELP pour savoir comment signaler.",
		ReplyRateLimited:    "Trop de messages. Merci de réessayer plus tard.",
		ReplyJoinUnknown:    "Quartier \"%s\" inconnu. Envoyez JOIN et un nom de quartier ou de commune, ex. JOIN Adjamé.",
	},
	"pt": {
		ReplyReportReceived: "Obrigado! Relato #%[1]d (%[2]s) recebido: perto de %[3]s. Para acompanhar envie STATUS %[1]d",
		ReplyAskPlace:       "Onde fica? Responda com um ponto de referencia (escola, mercado, igreja, mesquita), o nome da rua ou um plus code como 6GCRPR6C+24.",
		ReplyChoosePlace:    "Qual lugar? Responda com o numero: %s",
		ReplyStatus:         "Relato #%[1]d (%[3]s): %[2]s.",
		ReplyNotFound:       "Nao encontramos o relato #%d. Verifique o numero e envie STATUS e o numero, ex. STATUS 123.",
		ReplyHelp:           "Para relatar envie o que e onde, ex. CHEIA perto do mercado. STATUS 123 para acompanhar. JOIN e o bairro para alertas. STOP para parar.",
		ReplyNotUnderstood:  "Desculpe, nao entendemos. Envie o problema e o lugar, ex. INCENDIO perto da escola, ou HELP.",
		ReplyJoined:         "Vai receber alertas de %s. Envie LEAVE para parar.",
		ReplyLeft:           "Nao vai receber mais alertas do bairro. Envie JOIN e o nome de um bairro para voltar.",
		ReplyStopped:        "Nao vai receber mais mensagens nossas. Envie START para voltar a receber.",
		ReplyStarted:        "Bem-vindo de volta! Vai receber as nossas mensagens outra vez. Envie HELP para saber como relatar.",
		ReplyRateLimited:    "Mensagens demais. Por favor tente mais tarde.",
		ReplyJoinUnknown:    "Nao conhecemos o bairro \"%s\". Envie JOIN e o nome do bairro, ex. JOIN Maxaquene.",
	},
	"es": {
		ReplyReportReceived: "¡Gracias! Reporte #%[1]d (%[2]s) recibido: cerca de %[3]s. Para seguirlo envie STATUS %[1]d",
		ReplyAskPlace:       "¿Donde queda? Responda con un punto de referencia (colegio, tienda, iglesia, parque), el nombre de la calle o un plus code como 67P7W2Q3+X4.",
		ReplyChoosePlace:    "¿Cual lugar? Responda con el numero: %s",
		ReplyStatus:         "Reporte #%[1]d (%[3]s): %[2]s.",
		ReplyNotFound:       "No encontramos el reporte #%d. Revise el numero y envie STATUS y el numero, ej. STATUS 123.",
		ReplyHelp:           "Para reportar envie que pasa y donde, ej. INUNDACION cerca del colegio. STATUS 123 para seguirlo. JOIN y su barrio para alertas. STOP para no recibir mas.",
		ReplyNotUnderstood:  "Disculpe, no entendimos. Envie el problema y el lugar, ej. INCENDIO cerca de la iglesia, o HELP.",
		ReplyJoined:         "Recibira alertas de %s. Envie LEAVE para dejarlas.",
		ReplyLeft:           "Ya no recibira alertas del barrio. Envie JOIN y el nombre de un barrio para volver.",
		ReplyStopped:        "No recibira mas mensajes nuestros. Envie START para volver a recibirlos.",
		ReplyStarted:        "¡Bienvenido de nuevo! Recibira nuestros mensajes otra vez. Envie HELP para saber como reportar.",
		ReplyRateLimited:    "Demasiados mensajes. Por favor intente mas tarde.",
		ReplyJoinUnknown:    "No conocemos el barrio \"%s\". Envie JOIN y el nombre de su barrio, ej. JOIN Kennedy.",
	},
	"ht": {
		ReplyReportReceived: "Mèsi! Rapò #%[1]d (%[2]s) resevwa: toupre %[3]s. Pou swiv li voye STATUS %[1]d",
		ReplyAskPlace:       "Ki kote li ye? Reponn ak yon repè (lekòl, mache, legliz), non lari a oswa yon plus code tankou 7C6X8C2V+5R.",
		ReplyChoosePlace:    "Ki kote? Reponn ak nimewo a: %s",
		ReplyStatus:         "Rapò #%[1]d (%[3]s): %[2]s.",
		ReplyNotFound:       "Pa gen rapò #%d. Verifye nimewo a epi voye STATUS ak nimewo a, egz. STATUS 123.",
		ReplyHelp:           "Pou fè yon rapò voye ki sa ak ki kote, egz. INONDASYON toupre mache a. STATUS 123 pou swiv. JOIN ak yon zòn pou alèt. STOP pou rete.",
		ReplyNotUnderstood:  "Eskize, nou pa konprann. Voye pwoblèm nan ak kote a, egz. DIFE toupre lekòl la, oswa HELP.",
		ReplyJoined:         "W ap resevwa alèt pou %s. Voye LEAVE pou rete yo.",
		ReplyLeft:           "Ou p ap resevwa alèt zòn nan ankò. Voye JOIN ak non yon zòn pou retounen.",
		ReplyStopped:        "Ou p ap resevwa mesaj nou ankò. Voye START pou rekòmanse.",
		ReplyStarted:        "Byenvini ankò! W ap resevwa mesaj nou ankò. Voye HELP pou konnen kijan pou fè rapò.",
		ReplyRateLimited:    "Twòp mesaj. Tanpri eseye ankò pita.",
		ReplyJoinUnknown:    "Nou pa konnen zòn \"%s\". Voye JOIN ak non katye a, egz. JOIN Solino.",
	},
}

// statusLabels are the report statuses in each language, GSM-7 only.
var statusLabels = map[string]map[string]string{
	"en": {"new": "received, not yet checked", "verified": "verified", "rejected": "not confirmed", "duplicate": "already reported", "in_progress": "being handled", "resolved": "resolved", "reopened": "reopened"},
	"sw": {"new": "imepokelewa, bado kuhakikiwa", "verified": "imethibitishwa", "rejected": "haijathibitishwa", "duplicate": "imeshaletwa", "in_progress": "inashughulikiwa", "resolved": "imetatuliwa", "reopened": "imefunguliwa tena"},
	"fr": {"new": "enregistré, pas encore vérifié", "verified": "vérifié", "rejected": "non confirmé", "duplicate": "déjà signalé", "in_progress": "en cours de traitement", "resolved": "résolu", "reopened": "rouvert"},
	"pt": {"new": "recebido, ainda por verificar", "verified": "verificado", "rejected": "nao confirmado", "duplicate": "ja relatado", "in_progress": "em tratamento", "resolved": "resolvido", "reopened": "reaberto"},
	"es": {"new": "recibido, por verificar", "verified": "verificado", "rejected": "no confirmado", "duplicate": "ya reportado", "in_progress": "en atencion", "resolved": "resuelto", "reopened": "reabierto"},
	"ht": {"new": "resevwa, poko verifye", "verified": "verifye", "rejected": "pa konfime", "duplicate": "deja rapòte", "in_progress": "y ap trete l", "resolved": "rezoud", "reopened": "relouvri"},
}

// Text returns the reply for key in lang (falling back to English), filled with args via fmt.
//
// The result is passed through ToGSM7, so a label or place name with a
// letter outside the GSM 03.38 alphabet ("bâtiment", "Côte") does not turn
// the whole reply into a 70-character UCS-2 message. An unknown key gives
// "".
func Text(lang, key string, args ...any) string {
	tmpl, ok := replies[lang][key]
	if !ok {
		tmpl = replies["en"][key]
	}
	if tmpl == "" {
		return ""
	}
	return ToGSM7(fmt.Sprintf(tmpl, args...))
}

// Template returns the fmt template of the reply for key in lang, without
// falling back to English: "" when there is none.
func Template(lang, key string) string { return replies[lang][key] }

// StatusLabel returns a report status ("new", "verified", "rejected", "duplicate", "in_progress", "resolved", "reopened") in lang.
//
// It falls back to English for an unknown language and returns the status
// itself for an unknown status.
func StatusLabel(lang, status string) string {
	if l, ok := statusLabels[lang][status]; ok {
		return l
	}
	if l, ok := statusLabels["en"][status]; ok {
		return l
	}
	return status
}

// gsm7Basic is the GSM 03.38 default alphabet; gsm7Extension holds the
// characters sent through the escape table, which take two septets.
const (
	gsm7Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsm7Extension = "\f^{}\\[~]|€"
)

// IsGSM7 reports whether s can be sent in the GSM 7-bit alphabet (the
// default table and its extension table), that is without UCS-2.
func IsGSM7(s string) bool {
	for _, r := range s {
		if !isGSM7Rune(r) {
			return false
		}
	}
	return true
}

func isGSM7Rune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '\n' || r == '\r' || r == '\f' || r >= ' ' && r != '`' && r != 0x7f
	}
	return strings.ContainsRune(gsm7Basic, r) || strings.ContainsRune(gsm7Extension, r)
}

// GSM7Len returns the number of septets s takes in the GSM 7-bit alphabet
// (extension characters count two), or -1 if s is not GSM-7.
func GSM7Len(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case !isGSM7Rune(r):
			return -1
		case strings.ContainsRune(gsm7Extension, r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// gsm7Fold replaces common characters outside GSM-7 with the nearest
// GSM-7 text.
var gsm7Fold = strings.NewReplacer(
	"ç", "c", // only the capital Ç is in the default table
	"‘", "'", "’", "'", "‚", "'", "“", "\"", "”", "\"", "„", "\"", "«", "\"", "»", "\"",
	"–", "-", "—", "-", "…", "...", "\u00a0", " ", "`", "'",
	"œ", "oe", "Œ", "OE", "ł", "l", "Ł", "L", "đ", "d", "Đ", "D",
)

// ToGSM7 returns s with characters outside the GSM 7-bit alphabet replaced
// by their nearest GSM-7 form where there is one: accents not in the
// alphabet are dropped (â→a, ó→o, ã→a) while those in it are kept (é, è,
// à, ñ, ü), and typographic quotes and dashes become ASCII. Characters with
// no such form (other scripts, emoji) are left as they are.
func ToGSM7(s string) string {
	if IsGSM7(s) {
		return s
	}
	s = gsm7Fold.Replace(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if isGSM7Rune(r) {
			b.WriteRune(r)
			continue
		}
		// Decompose and keep the base letter when it is GSM-7.
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		if d := norm.NFD.Properties(buf[:n]).Decomposition(); d != nil {
			base, _ := utf8.DecodeRune(d)
			if isGSM7Rune(base) {
				b.WriteRune(base)
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
