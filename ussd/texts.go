package ussd

// texts are the words of the menu in one language. Every screen is built
// from them and checked against MaxScreen by the menu walk test; the
// menu's name and the keys of its items (keyBack, keyMore, keyLandmark)
// are the same in every language and written by the menu.
type texts struct {
	Report, Status, Alerts, Language        string
	Category, Where, Landmark, TypeLandmark string
	Back, More, Invalid                     string
	AskRef, NotFound, StatusIs              string // StatusIs: "#%d: %s (%s)"
	Received                                string // "#%d …": reference, category, place
	Join, Stop, Joined, Stopped, NoPlace    string
	NoAreas                                 string
}

// languageNames are the languages offered on the language screen, in
// their own words.
var languageNames = map[string]string{
	"en": "English", "sw": "Kiswahili", "fr": "Français", "es": "Español", "pt": "Português", "ht": "Kreyòl",
}

var allTexts = map[string]texts{
	"en": {Report: "Report a problem", Status: "Status of a report", Alerts: "Alerts for my area", Language: "Language",
		Category: "What is the problem?", Where: "Where? (or type its first letters)", Landmark: "Near a landmark (type it)", TypeLandmark: "Type a landmark, street or place near it:",
		Back: "Back", More: "More", Invalid: "Invalid choice.",
		AskRef: "Type the report number:", NotFound: "No report #%d.", StatusIs: "Report #%d: %s (%s).",
		Received: "Thank you. Report #%d received: %s, %s. Keep the number to ask its status.",
		Join:     "Join alerts", Stop: "Stop alerts", Joined: "You will get alerts for %s. Dial again and choose Stop to end them.", Stopped: "Alerts stopped. You can still report problems. To get alerts again, dial again and choose Join.",
		NoPlace: "Place not found. Type another landmark:", NoAreas: "No areas yet."},
	"sw": {Report: "Ripoti tatizo", Status: "Hali ya ripoti", Alerts: "Tahadhari za eneo langu", Language: "Lugha",
		Category: "Tatizo ni nini?", Where: "Wapi? (au andika herufi za mwanzo)", Landmark: "Karibu na alama (andika)", TypeLandmark: "Andika alama, barabara au mahali karibu:",
		Back: "Rudi", More: "Zaidi", Invalid: "Chaguo si sahihi.",
		AskRef: "Andika namba ya ripoti:", NotFound: "Hakuna ripoti #%d.", StatusIs: "Ripoti #%d: %s (%s).",
		Received: "Asante. Ripoti #%d imepokelewa: %s, %s. Tunza namba kuuliza hali yake.",
		Join:     "Jiunge na tahadhari", Stop: "Acha tahadhari", Joined: "Utapata tahadhari za %s. Piga tena uchague Acha kuzizima.", Stopped: "Tahadhari zimesimamishwa. Bado unaweza kuripoti matatizo. Kupata tahadhari tena, piga tena uchague Jiunge.",
		NoPlace: "Mahali hapajapatikana. Andika alama nyingine:", NoAreas: "Hakuna maeneo bado."},
	"fr": {Report: "Signaler un problème", Status: "Suivi d'un signalement", Alerts: "Alertes de mon quartier", Language: "Langue",
		Category: "Quel est le problème ?", Where: "Où ? (ou tapez les premières lettres)", Landmark: "Près d'un repère (à écrire)", TypeLandmark: "Écrivez un repère, une rue ou un lieu proche :",
		Back: "Retour", More: "Suite", Invalid: "Choix invalide.",
		AskRef: "Écrivez le numéro du signalement :", NotFound: "Pas de signalement #%d.", StatusIs: "Signalement #%d : %s (%s).",
		Received: "Merci. Signalement #%d reçu : %s, %s. Gardez le numéro pour son suivi.",
		Join:     "Recevoir les alertes", Stop: "Arrêter les alertes", Joined: "Vous recevrez les alertes de %s. Rappelez et choisissez Arrêter pour les couper.", Stopped: "Alertes arrêtées. Vous pouvez toujours signaler un problème. Pour les recevoir à nouveau, rappelez et choisissez Recevoir.",
		NoPlace: "Lieu introuvable. Écrivez un autre repère :", NoAreas: "Pas encore de quartiers."},
	"es": {Report: "Reportar un problema", Status: "Estado de un reporte", Alerts: "Alertas de mi zona", Language: "Idioma",
		Category: "¿Cuál es el problema?", Where: "¿Dónde? (o escriba las primeras letras)", Landmark: "Cerca de un punto (escribir)", TypeLandmark: "Escriba un punto de referencia, calle o lugar cercano:",
		Back: "Atrás", More: "Más", Invalid: "Opción no válida.",
		AskRef: "Escriba el número del reporte:", NotFound: "No hay reporte #%d.", StatusIs: "Reporte #%d: %s (%s).",
		Received: "Gracias. Reporte #%d recibido: %s, %s. Guarde el número para consultar su estado.",
		Join:     "Recibir alertas", Stop: "Detener alertas", Joined: "Recibirá alertas de %s. Marque de nuevo y elija Detener para terminarlas.", Stopped: "Alertas detenidas. Aún puede reportar problemas. Para recibirlas de nuevo, marque otra vez y elija Recibir.",
		NoPlace: "Lugar no encontrado. Escriba otro punto:", NoAreas: "Aún no hay zonas."},
	"pt": {Report: "Relatar um problema", Status: "Estado de um relato", Alerts: "Alertas da minha zona", Language: "Língua",
		Category: "Qual é o problema?", Where: "Onde? (ou escreva as primeiras letras)", Landmark: "Perto de um ponto (escrever)", TypeLandmark: "Escreva um ponto de referência, rua ou lugar próximo:",
		Back: "Voltar", More: "Mais", Invalid: "Opção inválida.",
		AskRef: "Escreva o número do relato:", NotFound: "Não há relato #%d.", StatusIs: "Relato #%d: %s (%s).",
		Received: "Obrigado. Relato #%d recebido: %s, %s. Guarde o número para saber o estado.",
		Join:     "Receber alertas", Stop: "Parar alertas", Joined: "Receberá alertas de %s. Ligue de novo e escolha Parar para terminar.", Stopped: "Alertas parados. Ainda pode relatar problemas. Para recebê-los de novo, ligue de novo e escolha Receber.",
		NoPlace: "Lugar não encontrado. Escreva outro ponto:", NoAreas: "Ainda não há zonas."},
	"ht": {Report: "Rapòte yon pwoblèm", Status: "Eta yon rapò", Alerts: "Alèt pou zòn mwen", Language: "Lang",
		Category: "Ki pwoblèm nan?", Where: "Ki kote? (oswa ekri premye lèt yo)", Landmark: "Toupre yon repè (ekri l)", TypeLandmark: "Ekri yon repè, yon lari oswa yon kote toupre:",
		Back: "Retounen", More: "Plis", Invalid: "Chwa pa bon.",
		AskRef: "Ekri nimewo rapò a:", NotFound: "Pa gen rapò #%d.", StatusIs: "Rapò #%d: %s (%s).",
		Received: "Mèsi. Rapò #%d resevwa: %s, %s. Kenbe nimewo a pou mande eta li.",
		Join:     "Resevwa alèt", Stop: "Kanpe alèt", Joined: "W ap resevwa alèt pou %s. Rele ankò epi chwazi Kanpe pou fini.", Stopped: "Alèt yo kanpe. Ou ka toujou rapòte pwoblèm. Pou resevwa alèt ankò, rele ankò epi chwazi Resevwa.",
		NoPlace: "Nou pa jwenn kote a. Ekri yon lòt repè:", NoAreas: "Poko gen zòn."},
}
