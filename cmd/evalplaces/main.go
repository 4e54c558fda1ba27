// Command evalplaces measures how mtaa places SMS reports by name and by
// coordinates on the real extracts of the shared data folder, and
// rebuilds the tables the gazetteer derives from data (ordinary words,
// confidence calibration). Run it with make eval-places.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	dataDir := flag.String("data", "../shared/data", "the shared data folder")
	words := flag.Bool("write-words", false, "rebuild "+wordsGenerated+" from the SMS corpus and exit")
	flag.Parse()
	if *words {
		ws, err := ordinaryWords(*dataDir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "evalplaces:", err)
			os.Exit(1)
		}
		if err := writeWords(wordsGenerated, ws); err != nil {
			fmt.Fprintln(os.Stderr, "evalplaces:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %d ordinary words to %s\n", len(ws), wordsGenerated)
		return
	}
}
