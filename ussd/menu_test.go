package ussd_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/text"
	"github.com/mtaa-project/mtaa/ussd"
)

var now = time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)

// nameLocator places the names it knows, folded: the gazetteer's contract
// on a list small enough to write down.
type nameLocator map[string]orb.Point

func (l nameLocator) Locate(s string) []sms.Place {
	if p, ok := l[text.Fold(s)]; ok {
		return []sms.Place{{Name: s, Point: p, Confidence: 1}}
	}
	return nil
}

func newMenu(t *testing.T, areas []ussd.Area) (*ussd.Menu, *data.Store) {
	t.Helper()
	st, _ := datatest.NewStore(t)
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ussd.New(ussd.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault,
		Areas:   func() []ussd.Area { return areas },
		Locator: nameLocator{"kosovo market": {36.87, -1.255}},
		Now:     func() time.Time { return now }}, st)
	if err != nil {
		t.Fatal(err)
	}
	return m, st
}

// someAreas are n areas, some with long names, so that the lists page.
func someAreas(n int) []ussd.Area {
	out := make([]ussd.Area, n)
	for i := range out {
		name := fmt.Sprintf("Mathare %dA", i)
		if i%3 == 1 {
			name = fmt.Sprintf("Kiambiu Informal Settlement Extension Ward %d", i)
		}
		out[i] = ussd.Area{Name: name, Point: orb.Point{36.85 + float64(i)/1000, -1.26}}
	}
	return out
}

func ask(t *testing.T, m *ussd.Menu, session, phone, input string) string {
	t.Helper()
	out, err := m.Handle(context.Background(), ussd.Session{ID: session, ServiceCode: "*384*123#", Phone: phone, Text: input})
	if err != nil {
		t.Fatalf("%s %q: %v", session, input, err)
	}
	return out
}

var refRE = regexp.MustCompile(`#(\d+)`)

// TestMenuWalkEveryPath walks every path of the menu, in every language,
// with every kind of answer (each choice, back, more, invalid input, text),
// and checks that every screen starts with CON or END and holds at most
// 182 characters.
func TestMenuWalkEveryPath(t *testing.T) {
	m, _ := newMenu(t, someAreas(40))
	answers := []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "00", "x", "12", "kosovo market", "", "ki", "Mathare 1"}
	screens, ends := 0, 0
	for li, lang := range []string{"en", "sw", "fr", "es", "pt", "ht"} {
		phone := fmt.Sprintf("+2547110000%02d", li)
		// Choose the language: 4 is Language, then its number.
		first := "4*" + strconv.Itoa(li+1)
		seen := map[string]bool{}
		queue := []string{first}
		session := 0
		for len(queue) > 0 {
			input := queue[0]
			queue = queue[1:]
			session++
			out := ask(t, m, fmt.Sprintf("%s-%d", lang, session), phone, input)
			screens++
			if n := utf8.RuneCountInString(out); n > ussd.MaxScreen {
				t.Errorf("[%s] %q: %d characters:\n%s", lang, input, n, out)
			}
			if !strings.HasPrefix(out, "CON ") && !strings.HasPrefix(out, "END ") {
				t.Fatalf("[%s] %q: %q", lang, input, out)
			}
			if strings.HasPrefix(out, "END ") {
				ends++
				continue
			}
			if seen[out] || strings.Count(input, "*") > 9 {
				continue
			}
			seen[out] = true
			for _, a := range answers {
				queue = append(queue, input+"*"+a)
			}
		}
	}
	t.Logf("%d screens, %d ends", screens, ends)
	if ends < 6*5 {
		t.Errorf("only %d sessions ended: the walk misses paths", ends)
	}
}

// TestMenuReportInFourScreens: main menu, category, area, confirmation
// with the reference; the report is a USSD report placed at the area's
// representative point, filed once however often the gateway repeats the
// last request.
func TestMenuReportInFourScreens(t *testing.T) {
	areas := someAreas(5)
	m, st := newMenu(t, areas)
	const phone = "+254711000100"
	var screens []string
	for _, input := range []string{"", "1", "1*1", "1*1*2"} {
		screens = append(screens, ask(t, m, "s1", phone, input))
	}
	last := screens[3]
	mm := refRE.FindStringSubmatch(last)
	if !strings.HasPrefix(last, "END ") || mm == nil {
		t.Fatalf("screens %q: the fourth is not a confirmation with #id", screens)
	}
	if again := ask(t, m, "s1", phone, "1*1*2"); again != last {
		t.Fatalf("repeated request answered %q, want %q", again, last)
	}
	id, _ := strconv.ParseUint(mm[1], 10, 64)
	r, err := st.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Channel != data.ChannelUSSD || r.LocationSource != data.SourceArea || r.Location != areas[1].Point || r.Category != data.DefaultTaxonomy().IDs()[0] {
		t.Fatalf("report %+v", r)
	}
	if strings.Contains(r.Description, phone) || strings.Contains(r.Reporter, "254711000100") {
		t.Fatal("the number reached the report")
	}
	if _, err := st.Get(id + 1); err == nil {
		t.Fatal("a second report was filed")
	}
	// Its status, from another session.
	if out := ask(t, m, "s2", phone, "2*"+mm[1]); !strings.HasPrefix(out, "END ") || !strings.Contains(out, "#"+mm[1]) {
		t.Fatalf("status: %q", out)
	}
	if out := ask(t, m, "s3", phone, "2*999"); !strings.Contains(out, "#999") {
		t.Fatalf("status of an unknown report: %q", out)
	}
	// A typed landmark; an unknown one is asked again.
	if out := ask(t, m, "s4", phone, "1*2*9*nowhere at all"); !strings.HasPrefix(out, "CON ") {
		t.Fatalf("unknown landmark: %q", out)
	}
	out := ask(t, m, "s4", phone, "1*2*9*nowhere at all*Kosovo market")
	mm = refRE.FindStringSubmatch(out)
	if mm == nil {
		t.Fatalf("landmark report: %q", out)
	}
	id, _ = strconv.ParseUint(mm[1], 10, 64)
	if r, _ := st.Get(id); r.LocationSource != data.SourcePlaceName || r.Location != (orb.Point{36.87, -1.255}) {
		t.Fatalf("landmark report %+v", r)
	}
}

// TestMenuLanguageRemembered: a language chosen once is the language of
// the next sessions.
func TestMenuLanguageRemembered(t *testing.T) {
	m, _ := newMenu(t, someAreas(3))
	const phone = "+254711000200"
	if out := ask(t, m, "a", phone, "4*2"); !strings.Contains(out, "Ripoti tatizo") {
		t.Fatalf("after choosing Kiswahili: %q", out)
	}
	if out := ask(t, m, "b", phone, ""); !strings.Contains(out, "Ripoti tatizo") {
		t.Fatalf("next session: %q", out)
	}
	if out := ask(t, m, "c", "+254711000201", ""); !strings.Contains(out, "Report a problem") {
		t.Fatalf("another phone: %q", out)
	}
}

// TestMenuAlerts: joining an area's alerts subscribes the phone at the
// area's point, sealed; stopping the alerts leaves the area without
// opting the phone out of SMS (replies to its reports still go out).
func TestMenuAlerts(t *testing.T) {
	areas := someAreas(3)
	m, st := newMenu(t, areas)
	vault, _ := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	const phone = "+254711000300"
	if out := ask(t, m, "j", phone, "3*1*3"); !strings.HasPrefix(out, "END ") || !strings.Contains(out, areas[2].Name) {
		t.Fatalf("join: %q", out)
	}
	sub, err := st.Subscriber(vault.Hash(phone))
	if err != nil || sub == nil || !sub.Joined || sub.Location != areas[2].Point || sub.SealedPhone == nil {
		t.Fatalf("subscriber %+v, %v", sub, err)
	}
	if got, err := vault.Open(sub.SealedPhone); err != nil || got != phone {
		t.Fatalf("sealed number opens to %q, %v", got, err)
	}
	ask(t, m, "k", phone, "3*2")
	if sub, _ := st.Subscriber(vault.Hash(phone)); sub == nil || sub.Joined || sub.Stopped {
		t.Fatalf("after stopping the alerts: %+v (want left, not opted out of SMS)", sub)
	}
	if _, err := m.Handle(context.Background(), ussd.Session{ID: "z", Phone: "nobody"}); err == nil {
		t.Fatal("a request without a number was answered")
	}
}

// TestMenuStopAlertsWording: what the menu says after "Stop alerts", in
// each language, is true: the alerts stopped, the resident can still
// report (a report right after is filed), and how to get alerts again
// names the item of the alerts screen that does it (its first word), as
// the joined message names the stop item. It said only "You will get no
// more alerts."
func TestMenuStopAlertsWording(t *testing.T) {
	for li, c := range []struct {
		lang, stopped, report, join, stop string
	}{
		{"en", "Alerts stopped.", "still report", "choose Join.", "choose Stop "},
		{"sw", "Tahadhari zimesimamishwa.", "Bado unaweza kuripoti", "uchague Jiunge.", "uchague Acha "},
		{"fr", "Alertes arrêtées.", "pouvez toujours signaler", "choisissez Recevoir.", "choisissez Arrêter "},
		{"es", "Alertas detenidas.", "Aún puede reportar", "elija Recibir.", "elija Detener "},
		{"pt", "Alertas parados.", "Ainda pode relatar", "escolha Receber.", "escolha Parar "},
		{"ht", "Alèt yo kanpe.", "toujou rapòte", "chwazi Resevwa.", "chwazi Kanpe "},
	} {
		t.Run(c.lang, func(t *testing.T) {
			areas := someAreas(3)
			m, st := newMenu(t, areas)
			phone := fmt.Sprintf("+2547110005%02d", li)
			lang := "4*" + strconv.Itoa(li+1)
			joined := ask(t, m, c.lang+"-j", phone, lang+"*3*1*1")
			left := ask(t, m, c.lang+"-l", phone, lang+"*3*2")
			if !strings.HasPrefix(left, "END "+c.stopped) || !strings.Contains(left, c.report) || !strings.HasSuffix(left, c.join) {
				t.Fatalf("after Stop alerts: %q, want %q, %q, %q", left, c.stopped, c.report, c.join)
			}
			if !strings.Contains(joined, c.stop) {
				t.Fatalf("after Join: %q, want %q", joined, c.stop)
			}
			// The items named are those of the alerts screen.
			screen := ask(t, m, c.lang+"-a", phone, lang+"*3")
			words := func(s string) string { return strings.Fields(s)[len(strings.Fields(s))-1] }
			joinWord, stopWord := strings.TrimSuffix(words(c.join), "."), words(c.stop)
			if !strings.Contains(screen, "\n1 "+joinWord) || !strings.Contains(screen, "\n2 "+stopWord) {
				t.Fatalf("alerts screen %q: want 1 %s…, 2 %s…", screen, joinWord, stopWord)
			}
			// Still reporting: a report is filed after leaving.
			out := ask(t, m, c.lang+"-r", phone, lang+"*1*1*1")
			mm := refRE.FindStringSubmatch(out)
			if mm == nil {
				t.Fatalf("report after Stop alerts: %q", out)
			}
			id, _ := strconv.ParseUint(mm[1], 10, 64)
			if _, err := st.Get(id); err != nil {
				t.Fatalf("report #%d: %v", id, err)
			}
		})
	}
}

// TestMenuAreaFirstLetters: typing the first letters of an area on the
// area list narrows it to the areas with a word starting with them; the
// choice is then among those.
func TestMenuAreaFirstLetters(t *testing.T) {
	areas := someAreas(40)
	m, st := newMenu(t, areas)
	out := ask(t, m, "f", "+254711000400", "1*1*kiamb")
	if !strings.Contains(out, "1 Kiambiu") || strings.Contains(out, "Mathare") {
		t.Fatalf("filtered list: %q", out)
	}
	out = ask(t, m, "f", "+254711000400", "1*1*kiamb*2")
	mm := refRE.FindStringSubmatch(out)
	if mm == nil {
		t.Fatalf("report: %q", out)
	}
	id, _ := strconv.ParseUint(mm[1], 10, 64)
	if r, _ := st.Get(id); r.Location != areas[4].Point { // the second Kiambiu area
		t.Fatalf("placed at %v, want %v (%s)", r.Location, areas[4].Point, areas[4].Name)
	}
	if out := ask(t, m, "g", "+254711000400", "1*1*zzz"); !strings.Contains(out, "Invalid choice") {
		t.Fatalf("letters matching nothing: %q", out)
	}
}

// TestMenuKeysInEveryLanguage: in every language the main screen is
// headed "mtaa", and a list of areas ends with its keys, each before the
// language's word: 9 a typed landmark, 00 the next page, 0 back; 00 pages
// on and 0 goes back.
func TestMenuKeysInEveryLanguage(t *testing.T) {
	m, _ := newMenu(t, someAreas(30))
	langs := []struct {
		pick, first          string // the language screen's choice, the main screen's first item
		landmark, more, back string
	}{
		{"1", "Report a problem", "9 Near a landmark (type it)", "00 More", "0 Back"},
		{"2", "Ripoti tatizo", "9 Karibu na alama (andika)", "00 Zaidi", "0 Rudi"},
		{"3", "Signaler un problème", "9 Près d'un repère (à écrire)", "00 Suite", "0 Retour"},
		{"4", "Reportar un problema", "9 Cerca de un punto (escribir)", "00 Más", "0 Atrás"},
		{"5", "Relatar um problema", "9 Perto de um ponto (escrever)", "00 Mais", "0 Voltar"},
		{"6", "Rapòte yon pwoblèm", "9 Toupre yon repè (ekri l)", "00 Plis", "0 Retounen"},
	}
	for i, l := range langs {
		phone := fmt.Sprintf("+2547110003%02d", i)
		if out := ask(t, m, "lang"+l.pick, phone, "4*"+l.pick); !strings.HasPrefix(out, "CON mtaa\n1 "+l.first+"\n") {
			t.Errorf("main screen after language %s: %q", l.pick, out)
		}
		where := ask(t, m, "where"+l.pick, phone, "1*1")
		lines := strings.Split(where, "\n")
		if n := len(lines); n < 4 || lines[n-3] != l.landmark || lines[n-2] != l.more || lines[n-1] != l.back {
			t.Errorf("language %s: the area list does not end %q, %q, %q: %q", l.pick, l.landmark, l.more, l.back, where)
		}
		next := ask(t, m, "where"+l.pick, phone, "1*1*00")
		if next == where || !strings.HasSuffix(next, "\n"+l.back) {
			t.Errorf("language %s: 00 did not page on: %q", l.pick, next)
		}
		if prev := ask(t, m, "where"+l.pick, phone, "1*1*00*0"); prev != where {
			t.Errorf("language %s: 0 did not go back: %q, want %q", l.pick, prev, where)
		}
	}
}
