package sms

import "github.com/mtaa-project/mtaa/data"

// CategoryLabel is the label of category id in lang: Haitian Creole
// falls back on French, any other language on English, an unknown id is
// itself.
func CategoryLabel(tax *data.Taxonomy, id, lang string) string {
	c := tax.Category(id)
	if c == nil {
		return id
	}
	if l := c.Labels[lang]; l != "" {
		return l
	}
	if l := c.Labels["fr"]; l != "" && lang == "ht" {
		return l
	}
	return c.Labels["en"]
}
