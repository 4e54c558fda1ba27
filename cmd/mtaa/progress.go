package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mtaa-project/mtaa/mapping"
)

// progressBar draws import progress on stderr: a redrawn bar on a
// terminal, a plain line every few seconds otherwise (logs, CI).
type progressBar struct {
	w     io.Writer
	tty   bool
	every time.Duration
	drawn bool
}

func newProgressBar(w io.Writer, tty bool) *progressBar {
	every := 5 * time.Second
	if tty {
		every = 200 * time.Millisecond
	}
	return &progressBar{w: w, tty: tty, every: every}
}

func (b *progressBar) update(p mapping.Progress) {
	if p.Done {
		return
	}
	frac := 0.0
	if p.BytesTotal > 0 {
		frac = min(float64(p.BytesRead)/float64(p.BytesTotal), 1)
	}
	secs := p.Elapsed.Seconds()
	rate, eta := 0.0, "?"
	if secs > 0 {
		rate = float64(p.BytesRead) / secs
		if frac > 0 && frac < 1 {
			eta = (time.Duration(secs * (1 - frac) / frac * float64(time.Second))).Round(time.Second).String()
		} else if frac >= 1 {
			eta = "0s"
		}
	}
	stats := fmt.Sprintf("%3.0f%% %s/%s  %d elements  %d features  %s/s  ETA %s  %s",
		frac*100, humanBytes(p.BytesRead), humanBytes(p.BytesTotal), p.Elements, p.Features,
		humanBytes(int64(rate)), eta, p.Phase)
	if !b.tty {
		fmt.Fprintf(b.w, "import: %s\n", stats)
		return
	}
	const width = 30
	n := int(frac * width)
	fmt.Fprintf(b.w, "\r[%s%s] %s\x1b[K", strings.Repeat("=", n), strings.Repeat(" ", width-n), stats)
	b.drawn = true
}

// finish ends the bar's line.
func (b *progressBar) finish() {
	if b.drawn {
		fmt.Fprintln(b.w)
		b.drawn = false
	}
}
